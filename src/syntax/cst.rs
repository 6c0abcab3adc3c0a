//! The concrete syntax tree: what was written, with a span on every node.
//!
//! The tree is generic (it does not know which fields an item has) and
//! lossless enough for a formatter: literals keep their source text, and
//! every comment is kept beside the tree with its span.

use crate::source::{FileId, Span};

/// One parsed file.
#[derive(Clone, Debug, Default)]
pub struct File {
    pub id: FileId,
    pub items: Vec<Item>,
    /// Every comment of the file, in source order.
    pub comments: Vec<Comment>,
    /// Items whose text did not parse; the header (keyword and ID) is kept
    /// when it could be read, so that references to a broken item are not
    /// reported as unresolved.
    pub broken: Vec<BrokenItem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentKind {
    /// `// …`
    Line,
    /// `/// …` — documents the item below it.
    Doc,
    /// `/* … */`
    Block,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub kind: CommentKind,
    /// The whole comment, markers included.
    pub span: Span,
    /// The text without the markers (`///`, `//`, `/*`, `*/`).
    pub text: String,
}

/// A word as written: a keyword, field name, ID, enum value or path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// `KEYWORD NAME "title" { … }`; name, title and block may be absent.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub span: Span,
    pub keyword: Word,
    pub name: Option<Word>,
    pub title: Option<Literal>,
    pub body: Option<Block>,
    /// The text of the `///` comments directly above the item.
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// From `{` to `}` inclusive.
    pub span: Span,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// `name: value`
    Field(Field),
    /// `name { fields }`
    Block { name: Word, block: Block },
    /// `keyword ID "title" { fields }` inside a block (a target).
    Item(Item),
}

impl Entry {
    pub fn name(&self) -> &Word {
        match self {
            Entry::Field(f) => &f.name,
            Entry::Block { name, .. } => name,
            Entry::Item(item) => &item.keyword,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Entry::Field(f) => f.span,
            Entry::Block { name, block } => name.span.to(block.span),
            Entry::Item(item) => item.span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub span: Span,
    pub name: Word,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub span: Span,
    pub kind: ValueKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    Literal(Literal),
    List(Vec<Value>),
    /// `VALUE in|by|on|en|para|al DATE`: `12_000 in 2024`.
    Qualified {
        value: Box<Value>,
        word: Word,
        date: Literal,
    },
}

/// A literal, kept as written; lowering validates and converts it.
#[derive(Clone, Debug, PartialEq)]
pub struct Literal {
    pub span: Span,
    pub kind: LiteralKind,
    /// The source text of the literal.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LiteralKind {
    /// `"…"` (the text includes the quotes).
    String,
    /// `"""…"""` (the text includes the quotes).
    TextBlock,
    Number,
    /// `85%` (the text is the number, without `%`).
    Percent,
    /// `1_500_000 USD`: the amount and the currency code.
    Money {
        amount: String,
        currency: Word,
    },
    /// `2025-01-01` (not yet validated).
    Date,
    /// `2024` where a date is expected.
    Year,
    /// `START .. END`, each a date or a year.
    Period {
        start: Box<Literal>,
        end: Box<Literal>,
    },
    /// An identifier or a dotted path: `DGME`, `destination`, `icrmw.*`.
    Path,
}

/// An item that failed to parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenItem {
    pub span: Span,
    pub keyword: Option<Word>,
    pub name: Option<Word>,
}
