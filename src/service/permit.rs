//! Authorisation decided once, in the service. A use case that needs a role takes a
//! [`Permit`] for its rule instead of a bare [`Caller`]; only [`Permit::open`] makes one, after
//! the rule has said yes. So the rule cannot be forgotten by a new front end, and a front end
//! that opens the permit before reading a request body tells a stranger 403 without revealing
//! anything about what the body should have held.

use std::marker::PhantomData;

use crate::auth::caller::Caller;
use crate::error::ApiResult;

/// Who may do one kind of thing.
pub trait Rule {
    fn check(caller: &Caller) -> ApiResult<()>;
}

pub struct Permit<R: Rule> {
    caller: Caller,
    rule: PhantomData<R>,
}

impl<R: Rule> Permit<R> {
    pub fn open(caller: Caller) -> ApiResult<Self> {
        R::check(&caller)?;
        Ok(Self {
            caller,
            rule: PhantomData,
        })
    }

    pub fn caller(&self) -> &Caller {
        &self.caller
    }
}
