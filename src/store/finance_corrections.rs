//! Reversal entries: a negative funding, commitment or expenditure that names the entry it
//! corrects. The entries themselves are inserted by `store::finance`; this marks them.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::{commitments, expenditures, fundings};

/// The three kinds of entry on the books.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Book {
    Fundings,
    Commitments,
    Expenditures,
}

/// Marks a new entry as the reversal of `corrects`, with the reason.
pub fn mark_reversal(
    conn: &mut DbConnection,
    book: Book,
    id: i64,
    corrects: i64,
    reason: &str,
) -> QueryResult<()> {
    match book {
        Book::Fundings => diesel::update(fundings::table.find(id))
            .set((
                fundings::corrects_id.eq(corrects),
                fundings::correction_reason.eq(reason),
            ))
            .execute(conn)?,
        Book::Commitments => diesel::update(commitments::table.find(id))
            .set((
                commitments::corrects_id.eq(corrects),
                commitments::correction_reason.eq(reason),
            ))
            .execute(conn)?,
        Book::Expenditures => diesel::update(expenditures::table.find(id))
            .set((
                expenditures::corrects_id.eq(corrects),
                expenditures::correction_reason.eq(reason),
            ))
            .execute(conn)?,
    };
    Ok(())
}

/// What the reversals of an entry add up to, as a negative amount (or zero).
pub fn reversed(conn: &mut DbConnection, book: Book, id: i64) -> QueryResult<i64> {
    let amounts: Vec<i64> = match book {
        Book::Fundings => fundings::table
            .filter(fundings::corrects_id.eq(id))
            .select(fundings::amount_cents)
            .load(conn)?,
        Book::Commitments => commitments::table
            .filter(commitments::corrects_id.eq(id))
            .select(commitments::amount_cents)
            .load(conn)?,
        Book::Expenditures => expenditures::table
            .filter(expenditures::corrects_id.eq(id))
            .select(expenditures::amount_cents)
            .load(conn)?,
    };
    Ok(-amounts.iter().sum::<i64>())
}

/// The expenditure, locked until the transaction ends so two reversals of it queue.
pub fn find_expenditure_for_update(
    conn: &mut DbConnection,
    id: i64,
) -> QueryResult<Option<crate::store::finance::Expenditure>> {
    let touched = diesel::update(expenditures::table.find(id))
        .set(expenditures::id.eq(expenditures::id))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    expenditures::table
        .find(id)
        .select(crate::store::finance::Expenditure::as_select())
        .first(conn)
        .optional()
        .map(|e| e.map(crate::store::finance::Expenditure::signed))
}
