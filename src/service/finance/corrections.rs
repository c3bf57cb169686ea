//! Corrections on the books. A funding, commitment or expenditure booked wrong is never edited
//! or deleted: a reversal, a negative entry naming the one it corrects with a reason, takes
//! (part of) it back, and the reports show both.

use super::*;
use crate::error::Thing;
use crate::store::finance_corrections as corrections;
pub use crate::store::finance_corrections::Book;

/// The reversal entry that was booked.
pub enum Reversal {
    Funding(Funding),
    Commitment(Commitment),
    Expenditure(Expenditure),
}

/// What to take back from an entry, and why.
pub struct ReversalInput {
    pub amount_cents: i64,
    pub reason: String,
}

/// Books the reversal of (part of) an entry. What hangs under the entry (commitments under a
/// funding, expenditures under a commitment) must be reversed first, so no entry is left
/// hanging under less than it holds.
pub fn reverse(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    book: Book,
    id: i64,
    input: ReversalInput,
) -> ApiResult<Reversal> {
    let caller = desk.caller();
    let reason = input.reason.trim().to_string();
    let mut errors = Vec::new();
    if reason.is_empty() || reason.chars().count() > 1000 {
        errors.push(FieldError::new(
            "reason",
            t!("length-between", min = 1, max = 1000),
        ));
    }
    if let Err(m) = finance::check_amount(input.amount_cents) {
        errors.push(FieldError::new("amount_cents", m));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    let amount = input.amount_cents;
    db::write_transaction(conn, |conn| {
        let now = crate::clock::now();
        let (booked, under, original_of_reversal) = booked_and_under(conn, book, id)?;
        if let Some(original) = original_of_reversal {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("this-entry-is-a-reversal-of-book", original = original),
            ));
        }
        let left = booked + corrections::reversed(conn, book, id)?;
        if amount > left {
            return Err(ApiError::invalid(
                "amount_cents",
                t!("cents-of-this-entry-are-left-to", left = left),
            ));
        }
        if under > left - amount {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("cents-are-booked-under-this-entry-reverse", under = under),
            ));
        }
        let new_id = book_reversal(conn, caller.id(), book, id, amount, now)?;
        corrections::mark_reversal(conn, book, new_id, id, &reason)?;
        let entity = match book {
            Book::Fundings => "funding",
            Book::Commitments => "commitment",
            Book::Expenditures => "expenditure",
        };
        audit(
            conn,
            caller,
            "entry_reversed",
            entity,
            id,
            serde_json::json!({"reversal_id": new_id, "amount_cents": -amount, "reason": reason}),
        )?;
        Ok(match book {
            Book::Fundings => Reversal::Funding(
                store::finance::find_funding(conn, new_id)?
                    .ok_or_else(|| ApiError::not_found(Thing::Funding))?,
            ),
            Book::Commitments => Reversal::Commitment(
                store::finance::find_commitment(conn, new_id)?
                    .ok_or_else(|| ApiError::not_found(Thing::Commitment))?,
            ),
            Book::Expenditures => Reversal::Expenditure(
                corrections::find_expenditure_for_update(conn, new_id)?
                    .ok_or_else(|| ApiError::not_found(Thing::Expenditure))?,
            ),
        })
    })
}

/// The entry's amount, what is booked under it, and the entry it corrects when it is itself
/// a reversal; the entry is locked.
fn booked_and_under(
    conn: &mut DbConnection,
    book: Book,
    id: i64,
) -> ApiResult<(i64, i64, Option<i64>)> {
    Ok(match book {
        Book::Fundings => {
            let f = store::finance::find_funding_for_update(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Funding))?;
            let under = store::finance::commitments_of_fundings(conn, &[id])?
                .iter()
                .map(|c| c.amount_cents)
                .sum();
            (f.amount_cents, under, f.corrects_id)
        }
        Book::Commitments => {
            let c = store::finance::find_commitment_for_update(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Commitment))?;
            let under = store::finance::expenditures_of_commitments(conn, &[id])?
                .iter()
                .map(|e| e.amount_cents)
                .sum();
            (c.amount_cents, under, c.corrects_id)
        }
        Book::Expenditures => {
            let e = corrections::find_expenditure_for_update(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Expenditure))?;
            (e.amount_cents, 0, e.corrects_id)
        }
    })
}

/// Inserts the reversal beside the entry it corrects (same funding, line, commitment) and
/// returns its id; it is stored with the amount positive and marked as a reversal next.
fn book_reversal(
    conn: &mut DbConnection,
    by: i64,
    book: Book,
    id: i64,
    amount: i64,
    now: chrono::NaiveDateTime,
) -> ApiResult<i64> {
    Ok(match book {
        Book::Fundings => {
            let f = store::finance::find_funding(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Funding))?;
            store::finance::insert_funding(
                conn,
                f.proposal_id,
                f.budget_line_id,
                amount,
                f.kind,
                by,
                now,
            )?
            .id
        }
        Book::Commitments => {
            let c = store::finance::find_commitment(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Commitment))?;
            store::finance::insert_commitment(
                conn,
                &store::finance::NewCommitment {
                    funding_id: c.funding_id,
                    erp_reference: &c.erp_reference,
                    committed_on: &now.format("%Y-%m-%d").to_string(),
                    amount_cents: amount,
                    third_party: &c.third_party,
                    overrun_reason: None,
                    created_by: by,
                },
                now,
            )?
            .id
        }
        Book::Expenditures => {
            let e = corrections::find_expenditure_for_update(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Expenditure))?;
            store::finance::insert_expenditure(
                conn,
                &store::finance::NewExpenditure {
                    commitment_id: e.commitment_id,
                    reference: &e.reference,
                    spent_on: &now.format("%Y-%m-%d").to_string(),
                    amount_cents: amount,
                    overrun_reason: None,
                    created_by: by,
                },
                now,
            )?
            .id
        }
    })
}

/// The same invoice is booked once per proposal: an earlier expenditure with this reference
/// counts unless it was reversed in full.
pub(super) fn check_invoice_once(
    conn: &mut DbConnection,
    commitment: &Commitment,
    reference: &str,
) -> ApiResult<()> {
    let funding = store::finance::find_funding(conn, commitment.funding_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Funding))?;
    let fundings: Vec<i64> = store::finance::fundings_of_proposal(conn, funding.proposal_id)?
        .iter()
        .map(|f| f.id)
        .collect();
    let commitments: Vec<i64> = store::finance::commitments_of_fundings(conn, &fundings)?
        .iter()
        .map(|c| c.id)
        .collect();
    let spent = store::finance::expenditures_of_commitments(conn, &commitments)?;
    for earlier in spent.iter().filter(|e| {
        e.corrects_id.is_none() && e.reference.trim().eq_ignore_ascii_case(reference.trim())
    }) {
        let reversed: i64 = spent
            .iter()
            .filter(|r| r.corrects_id == Some(earlier.id))
            .map(|r| r.amount_cents)
            .sum();
        if earlier.amount_cents + reversed != 0 {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                t!(
                    "invoice-is-booked-on-this-proposal-already",
                    reference = earlier.reference.as_str(),
                    id = earlier.id
                ),
            ));
        }
    }
    Ok(())
}
