//! Password policy and hashing: argon2id with at least m=19456 KiB, t=2, p=1; 8 to 1024
//! characters; no composition rules; the most guessable passwords refused.

use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 1024;

const MEMORY_KIB: u32 = 19_456;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

/// A password that passed the policy.
pub struct Password(String);

impl Password {
    /// Checks length and guessability. `context` holds the user's own data (e-mail, name),
    /// which a password must not merely repeat.
    pub fn parse(raw: &str, context: &[&str]) -> Result<Self, String> {
        let chars = raw.chars().count();
        if chars < MIN_CHARS {
            return Err(format!("must be at least {MIN_CHARS} characters long"));
        }
        if chars > MAX_CHARS {
            return Err(format!("must be at most {MAX_CHARS} characters long"));
        }
        let letters = |text: &str| -> String {
            text.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let repeats_context = context.iter().any(|entry| {
            let local = entry.split('@').next().unwrap_or(entry);
            let candidate = letters(raw);
            candidate == letters(entry) || candidate == letters(local)
        });
        if repeats_context {
            return Err("must not be your e-mail address or name".to_string());
        }
        // zxcvbn's cost grows quickly with length; long passwords are not guessable anyway.
        let checked: String = raw.chars().take(100).collect();
        let words: Vec<&str> = context
            .iter()
            .flat_map(|entry| {
                std::iter::once(*entry).chain(entry.split(|c: char| !c.is_alphanumeric()))
            })
            .filter(|word| word.chars().count() >= 3)
            .collect();
        let score: u8 = zxcvbn::zxcvbn(&checked, &words).score().into();
        if score < 2 {
            return Err(
                "is one of the most commonly used or easily guessed passwords; choose another"
                    .to_string(),
            );
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes with a fresh random salt into a PHC string.
pub fn hash(password: &Password) -> Result<String, String> {
    hasher()
        .hash_password(password.as_str().as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("password hashing failed: {e}"))
}

/// True when `candidate` matches the stored hash.
pub fn verify(candidate: &str, stored_hash: &str) -> bool {
    hasher()
        .verify_password(candidate.as_bytes(), stored_hash)
        .is_ok()
}

/// Spends the same work as [`verify`] against a hash that matches nothing, so an unknown
/// address takes as long to refuse as a known one.
pub fn verify_against_nothing(candidate: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| {
        hasher()
            .hash_password(b"no account has this password")
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let _ = verify(candidate, dummy);
}

/// True when the stored hash is weaker than today's parameters and should be replaced at the
/// next successful login.
pub fn needs_rehash(stored_hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        return true;
    };
    if parsed.algorithm.as_str() != "argon2id" {
        return true;
    }
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    params.m_cost() < MEMORY_KIB || params.t_cost() < ITERATIONS || params.p_cost() != PARALLELISM
}

/// Limits how many password hashes run at once: each takes 19 MiB and a core for a while, so
/// a flood of sign-ins must queue (briefly) or be turned away, never exhaust the machine.
pub struct HashingLimit {
    running: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
    limit: usize,
    /// How long a hash may wait for a free slot before the request is turned away.
    wait: std::time::Duration,
}

/// A slot for one password hash; released when dropped.
pub struct HashPermit<'a>(&'a HashingLimit);

impl Drop for HashPermit<'_> {
    fn drop(&mut self) {
        let mut running = self.0.running.lock().unwrap_or_else(|p| p.into_inner());
        *running = running.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

impl HashingLimit {
    pub fn new(limit: usize, wait: std::time::Duration) -> Self {
        Self {
            running: std::sync::Mutex::new(0),
            freed: std::sync::Condvar::new(),
            limit: limit.max(1),
            wait,
        }
    }

    /// Waits for a slot; `None` when the server is too busy.
    pub fn permit(&self) -> Option<HashPermit<'_>> {
        let running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        let (mut running, _) = self
            .freed
            .wait_timeout_while(running, self.wait, |running| *running >= self.limit)
            .unwrap_or_else(|p| p.into_inner());
        if *running >= self.limit {
            return None;
        }
        *running += 1;
        Some(HashPermit(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_limits_hold() {
        assert!(Password::parse("Kx9#mQ2", &[]).is_err());
        assert!(Password::parse(&"long enough passphrase ".repeat(50), &[]).is_err());
        assert!(Password::parse("correct horse battery staple", &[]).is_ok());
    }

    #[test]
    fn common_passwords_are_refused() {
        for common in [
            "password",
            "12345678",
            "qwertyuiop",
            "iloveyou1",
            "password123",
        ] {
            assert!(Password::parse(common, &[]).is_err(), "{common}");
        }
    }

    #[test]
    fn repeating_the_email_is_refused() {
        assert!(Password::parse("annelies.janssens", &["annelies.janssens@gent.be"]).is_err());
    }

    #[test]
    fn hashes_are_argon2id_with_the_required_parameters() {
        let password = Password::parse("wandelpad langs de Leie", &[]).unwrap();
        let stored = hash(&password).unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("wandelpad langs de Leie", &stored));
        assert!(!verify("wandelpad langs de leie", &stored));
        assert!(!needs_rehash(&stored));
    }

    #[test]
    fn weaker_hashes_are_marked_for_rehash() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(4096, 1, 1, None).unwrap(),
        )
        .hash_password(b"x")
        .unwrap()
        .to_string();
        assert!(needs_rehash(&weak));
        assert!(needs_rehash("not a hash"));
    }
}
