//! Password policy and hashing: argon2id with at least m=19456 KiB, t=2, p=1; 8 to 1024
//! characters; no composition rules; the most guessable passwords refused.

use crate::i18n::Text;
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;

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
    pub fn parse(raw: &str, context: &[&str]) -> Result<Self, Text> {
        let chars = raw.chars().count();
        if chars < MIN_CHARS {
            return Err(t!(
                "must-be-at-least-characters-long",
                min_chars = MIN_CHARS
            ));
        }
        if chars > MAX_CHARS {
            return Err(t!("must-be-at-most-characters-long", max_chars = MAX_CHARS));
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
            return Err(t!("must-not-be-your-e-mail-address"));
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
            return Err(t!("password-too-common"));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn params() -> Params {
    Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).unwrap_or_default()
}

/// Argon2's working memory for one hash (19 MiB), allocated once and reused. Allocating it per
/// attempt lets a flood of sign-ins fragment the heap into gigabytes even when only a few hashes
/// run at once.
pub struct HashMemory(Vec<Block>);

impl Default for HashMemory {
    fn default() -> Self {
        Self(vec![Block::default(); params().block_count()])
    }
}

impl HashMemory {
    fn blocks(&mut self, count: usize) -> &mut [Block] {
        if self.0.len() < count {
            self.0.resize(count, Block::default());
        }
        &mut self.0[..count]
    }
}

/// Hashes with a fresh random salt into a PHC string.
pub fn hash(password: &Password, memory: &mut HashMemory) -> Result<String, String> {
    let failed = |e: &dyn std::fmt::Display| format!("password hashing failed: {e}");
    let mut salt_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = Salt::new(&salt_bytes).map_err(|e| failed(&e))?;
    let params = params();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(
            password.as_str().as_bytes(),
            &salt,
            &mut out,
            memory.blocks(params.block_count()),
        )
        .map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

/// True when `candidate` matches the stored hash (compared in constant time), whatever
/// parameters the stored hash was made with.
pub fn verify(candidate: &str, stored_hash: &str, memory: &mut HashMemory) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm.as_str()),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from);
    let Ok(version) = version else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let blocks = params.block_count();
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(candidate.as_bytes(), salt, &mut out, memory.blocks(blocks))
        .is_ok()
        && Output::new(&out).is_ok_and(|computed| &computed == expected)
}

/// Spends the same work as [`verify`] against a hash that matches nothing, so an unknown
/// address takes as long to refuse as a known one.
pub fn verify_against_nothing(candidate: &str, memory: &mut HashMemory) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| {
        Password::parse("no account has this password", &[])
            .ok()
            .and_then(|p| hash(&p, &mut HashMemory::default()).ok())
            .unwrap_or_default()
    });
    let _ = verify(candidate, dummy, memory);
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
/// a flood of sign-ins must queue (briefly) or be turned away, never exhaust the machine. Each
/// slot keeps its working memory for the next hash.
pub struct HashingLimit {
    slots: std::sync::Mutex<Slots>,
    freed: std::sync::Condvar,
    limit: usize,
    /// How long a hash may wait for a free slot before the request is turned away.
    wait: std::time::Duration,
}

struct Slots {
    running: usize,
    idle_memory: Vec<HashMemory>,
}

/// A slot for one password hash, with its working memory; released when dropped.
pub struct HashPermit<'a> {
    limit: &'a HashingLimit,
    memory: Option<HashMemory>,
}

impl HashPermit<'_> {
    pub fn memory(&mut self) -> &mut HashMemory {
        self.memory.get_or_insert_with(HashMemory::default)
    }
}

impl Drop for HashPermit<'_> {
    fn drop(&mut self) {
        let mut slots = self.limit.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.running = slots.running.saturating_sub(1);
        slots.idle_memory.extend(self.memory.take());
        self.limit.freed.notify_one();
    }
}

impl HashingLimit {
    pub fn new(limit: usize, wait: std::time::Duration) -> Self {
        Self {
            slots: std::sync::Mutex::new(Slots {
                running: 0,
                idle_memory: Vec::new(),
            }),
            freed: std::sync::Condvar::new(),
            limit: limit.max(1),
            wait,
        }
    }

    /// Waits for a slot; `None` when the server is too busy.
    pub fn permit(&self) -> Option<HashPermit<'_>> {
        let slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        let (mut slots, _) = self
            .freed
            .wait_timeout_while(slots, self.wait, |slots| slots.running >= self.limit)
            .unwrap_or_else(|p| p.into_inner());
        if slots.running >= self.limit {
            return None;
        }
        slots.running += 1;
        let memory = slots.idle_memory.pop();
        Some(HashPermit {
            limit: self,
            memory,
        })
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
        let memory = &mut HashMemory::default();
        let stored = hash(&password, memory).unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("wandelpad langs de Leie", &stored, memory));
        assert!(!verify("wandelpad langs de leie", &stored, memory));
        assert!(!needs_rehash(&stored));
        let other_salt = hash(&password, memory).unwrap();
        assert_ne!(stored, other_salt, "every hash has its own salt");
        assert!(verify("wandelpad langs de Leie", &other_salt, memory));
    }

    #[test]
    fn weaker_hashes_are_marked_for_rehash_and_still_verify() {
        use argon2::PasswordHasher;
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(4096, 1, 1, None).unwrap(),
        )
        .hash_password(b"oud wachtwoord")
        .unwrap()
        .to_string();
        assert!(needs_rehash(&weak));
        assert!(needs_rehash("not a hash"));
        let memory = &mut HashMemory::default();
        assert!(verify("oud wachtwoord", &weak, memory));
        assert!(!verify("nieuw wachtwoord", &weak, memory));
        assert!(!verify("oud wachtwoord", "not a hash", memory));
    }

    #[test]
    fn hashes_made_by_the_library_itself_verify() {
        use argon2::PasswordHasher;
        let stored = Argon2::default()
            .hash_password(b"fietsenstalling aan de Dampoort")
            .unwrap()
            .to_string();
        assert!(verify(
            "fietsenstalling aan de Dampoort",
            &stored,
            &mut HashMemory::default()
        ));
    }

    #[test]
    fn a_stronger_stored_hash_gets_the_memory_it_needs() {
        use argon2::PasswordHasher;
        let strong = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(32_768, 2, 1, None).unwrap(),
        )
        .hash_password(b"sterk wachtwoord")
        .unwrap()
        .to_string();
        assert!(verify(
            "sterk wachtwoord",
            &strong,
            &mut HashMemory::default()
        ));
    }

    #[test]
    fn a_slot_keeps_its_memory_for_the_next_hash() {
        let limit = HashingLimit::new(1, std::time::Duration::from_millis(10));
        let mut first = limit.permit().unwrap();
        let address = first.memory().0.as_ptr();
        assert!(
            limit.permit().is_none(),
            "one slot: the second waits, then is turned away"
        );
        drop(first);
        let mut second = limit.permit().unwrap();
        assert_eq!(second.memory().0.as_ptr(), address);
    }
}
