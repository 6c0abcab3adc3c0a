//! Budgets: the currency of each commitment (E0311) and their sum against
//! the policy's (W0400).

use super::Cx;
use crate::ast::Money;
use crate::diagnostic::{Code, Diagnostic};
use crate::tr;

/// Reports E0311: a commitment budget in another currency than the policy's.
#[doc = ""]
#[doc = include_str!("../../docs/codes/E0311.md")]
pub(super) fn foreign_currency(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let Some(policy) = cx.policy.and_then(|p| p.budget.as_ref()) else {
        return;
    };
    let theirs = &policy.value.currency;
    for c in &cx.spec.commitments {
        let Some(budget) = &c.budget else {
            continue;
        };
        let mine = &budget.value.currency;
        if mine.eq_ignore_ascii_case(theirs) {
            continue;
        }
        let id = &c.header.id.value;
        out.push(
            Diagnostic::new(
                Code::E0311,
                tr!(
                    "budget of `{id}` is in `{mine}`, the policy's in `{theirs}`",
                    "el presupuesto de `{id}` está en `{mine}` y el de la política en `{theirs}`"
                ),
            )
            .primary(budget.span, tr!("in `{mine}`", "en `{mine}`"))
            .secondary(
                policy.span,
                tr!("the policy budget is in `{theirs}`", "el presupuesto de la política está en `{theirs}`"),
            )
            .help(tr!(
                "write the budget of `{id}` in `{theirs}`, so that budgets can be added up",
                "exprese el presupuesto de `{id}` en `{theirs}`, para que los presupuestos se puedan sumar"
            )),
        );
    }
}

/// An amount in thousandths of a unit, exact for any amount written with
/// up to three decimals; `None` for amounts too large to add up exactly.
fn thousandths(m: &Money) -> Option<i128> {
    let v = m.amount.value * 1000.0;
    (v.is_finite() && v.abs() < 1e30).then(|| v.round() as i128)
}

/// `48,000,000 USD`, `1,500,000.5 EUR`: thousands separated by commas.
pub(super) fn format_amount(thousandths: i128, currency: &str) -> String {
    let sign = if thousandths < 0 { "-" } else { "" };
    let abs = thousandths.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = if frac == 0 {
        String::new()
    } else {
        format!(".{frac:03}").trim_end_matches('0').to_string()
    };
    format!("{sign}{grouped}{frac} {currency}")
}

/// Reports W0400: commitment budgets that sum past the policy budget.
#[doc = ""]
#[doc = include_str!("../../docs/codes/W0400.md")]
pub(super) fn over_budget(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let Some(policy) = cx.policy.and_then(|p| p.budget.as_ref()) else {
        return;
    };
    let currency = &policy.value.currency;
    let Some(limit) = thousandths(&policy.value) else {
        return;
    };
    // A commitment that failed to parse could only add to the sum: an
    // overrun seen without it is still an overrun.
    let mut sum: i128 = 0;
    let mut count = 0usize;
    for c in cx.commitments() {
        let Some(b) = &c.budget else {
            continue;
        };
        if !b.value.currency.eq_ignore_ascii_case(currency) {
            continue; // E0311
        }
        let Some(amount) = thousandths(&b.value) else {
            return;
        };
        sum = sum.saturating_add(amount);
        count += 1;
    }
    if sum <= limit {
        return;
    }
    let (total, budget) = (format_amount(sum, currency), format_amount(limit, currency));
    out.push(
        Diagnostic::new(
            Code::W0400,
            tr!(
                "the budgets of {count} commitments add up to {total}, more than the policy budget of {budget}",
                "los presupuestos de {count} compromisos suman {total}, más que el presupuesto de la política de {budget}"
            ),
        )
        .primary(
            policy.span,
            tr!("less than the {total} committed", "menos que los {total} comprometidos"),
        )
        .help(tr!(
            "raise the policy budget to at least {total}, or lower the budgets of the commitments",
            "eleve el presupuesto de la política a {total} como mínimo, o reduzca los presupuestos de los compromisos"
        )),
    );
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::tests::{only, underlined};
    use super::*;

    fn spec(budget: &str, commitments: &[&str]) -> String {
        let mut s =
            format!("policy P \"P\" {{ horizon: 2025 .. 2030 {budget} }}\nagency A \"A\"\n");
        for (i, b) in commitments.iter().enumerate() {
            s.push_str(&format!(
                "commitment C{i} \"c\" {{ lead: A  due: 2026-12-31  budget: {b} }}\n"
            ));
        }
        s
    }

    #[test]
    fn amounts_have_thousands_separators() {
        assert_eq!(format_amount(48_000_000_000, "USD"), "48,000,000 USD");
        assert_eq!(format_amount(1_500_000_500, "EUR"), "1,500,000.5 EUR");
        assert_eq!(format_amount(999_000, "USD"), "999 USD");
        assert_eq!(format_amount(1_000_050, "USD"), "1,000.05 USD");
        assert_eq!(format_amount(-1_234_000, "USD"), "-1,234 USD");
        assert_eq!(format_amount(0, "USD"), "0 USD");
    }

    #[test]
    fn a_budget_in_another_currency() {
        let text = spec("budget: 1_000 USD", &["100 USD", "100 EUR"]);
        let ds = only(&text, Code::E0311);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "budget of `C1` is in `EUR`, the policy's in `USD`"
        );
        assert_eq!(underlined(&text, &ds[0]), ["100 EUR", "1_000 USD"]);
        assert!(only(&spec("", &["100 USD", "100 EUR"]), Code::E0311).is_empty());
    }

    #[test]
    fn budgets_over_the_policy_budget() {
        let text = spec(
            "budget: 48_000_000 USD",
            &["30_000_000 USD", "18_000_000 USD", "5_000_000 EUR"],
        );
        assert!(only(&text, Code::W0400).is_empty(), "equal is not over");
        let text = spec(
            "budget: 48_000_000 USD",
            &["30_000_000 USD", "18_000_000.10 USD", "5_000_000 EUR"],
        );
        let ds = only(&text, Code::W0400);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message.en,
            "the budgets of 2 commitments add up to 48,000,000.1 USD, more than the policy budget of 48,000,000 USD"
        );
        assert_eq!(underlined(&text, &ds[0]), ["48_000_000 USD"]);
    }

    #[test]
    fn decimals_add_up_exactly() {
        let text = spec("budget: 0.3 USD", &["0.1 USD", "0.2 USD"]);
        assert!(only(&text, Code::W0400).is_empty());
    }
}
