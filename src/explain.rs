//! `pacta explain CODE`: the documentation of each diagnostic code, from
//! `docs/codes/CODE.md` (embedded in the binary). Each page has the same
//! sections: what it does, why it matters, an example, how to fix.

use crate::diagnostic::Code;

macro_rules! pages {
    ($($code:ident)*) => {
        /// The explanation of a code (Markdown).
        pub fn text(code: Code) -> &'static str {
            match code {
                $(Code::$code => include_str!(concat!("../docs/codes/", stringify!($code), ".md")),)*
            }
        }
    };
}

pages! {
    E0001 E0100 E0101 E0102 E0103 E0104 E0105 E0106
    E0200 E0201 E0202 E0203 E0204 E0205
    E0300 E0301 E0302 E0303 E0304 E0305 E0306 E0307 E0308 E0309 E0310 E0311
    W0400 W0410 W0411 W0412 W0413 W0414 W0420 W0430 W0431 W0440 W0441
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_page_with_the_four_sections() {
        for &code in Code::ALL {
            let page = text(code);
            let title = format!("# {}: {}", code.as_str(), code.summary().en);
            assert!(
                page.starts_with(&title),
                "{} title: {:?}",
                code.as_str(),
                page.lines().next()
            );
            for section in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## How to fix",
            ] {
                assert!(page.contains(section), "{} lacks {section}", code.as_str());
            }
        }
    }
}
