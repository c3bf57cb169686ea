//! The text of every e-mail, in Dutch, French and English, chosen by the recipient's locale.

use crate::domain::locale::Locale;

/// One kind of message with what it needs to say.
pub enum Template<'a> {
    VerifyEmail { name: &'a str, link: &'a str },
    AlreadyRegistered { name: &'a str, reset_link: &'a str },
    PasswordReset { name: &'a str, link: &'a str },
    PasswordChanged { name: &'a str },
}

/// Subject and plain-text body.
pub fn render(template: &Template<'_>, locale: Locale) -> (String, String) {
    use Locale::{En, Fr, Nl};
    match (template, locale) {
        (Template::VerifyEmail { name, link }, Nl) => (
            "Bevestig je e-mailadres".into(),
            format!(
                "Dag {name},\n\nBevestig je e-mailadres via deze link (24 uur geldig):\n{link}\n\nHeb je geen account aangemaakt? Dan mag je deze e-mail negeren.\n"
            ),
        ),
        (Template::VerifyEmail { name, link }, Fr) => (
            "Confirmez votre adresse e-mail".into(),
            format!(
                "Bonjour {name},\n\nConfirmez votre adresse e-mail avec ce lien (valable 24 heures) :\n{link}\n\nVous n'avez pas créé de compte ? Ignorez cet e-mail.\n"
            ),
        ),
        (Template::VerifyEmail { name, link }, En) => (
            "Confirm your e-mail address".into(),
            format!(
                "Hello {name},\n\nConfirm your e-mail address with this link (valid for 24 hours):\n{link}\n\nDid not create an account? You can ignore this e-mail.\n"
            ),
        ),
        (Template::AlreadyRegistered { name, reset_link }, Nl) => (
            "Er bestaat al een account met dit adres".into(),
            format!(
                "Dag {name},\n\nIemand probeerde een account te maken met dit e-mailadres, maar je hebt er al een. Wachtwoord vergeten? Kies een nieuw via:\n{reset_link}\n\nWas jij dit niet? Dan hoef je niets te doen.\n"
            ),
        ),
        (Template::AlreadyRegistered { name, reset_link }, Fr) => (
            "Un compte existe déjà avec cette adresse".into(),
            format!(
                "Bonjour {name},\n\nQuelqu'un a essayé de créer un compte avec cette adresse, mais vous en avez déjà un. Mot de passe oublié ? Choisissez-en un nouveau ici :\n{reset_link}\n\nCe n'était pas vous ? Vous n'avez rien à faire.\n"
            ),
        ),
        (Template::AlreadyRegistered { name, reset_link }, En) => (
            "An account with this address already exists".into(),
            format!(
                "Hello {name},\n\nSomeone tried to create an account with this e-mail address, but you already have one. Forgot your password? Choose a new one here:\n{reset_link}\n\nWas it not you? Then there is nothing to do.\n"
            ),
        ),
        (Template::PasswordReset { name, link }, Nl) => (
            "Nieuw wachtwoord kiezen".into(),
            format!(
                "Dag {name},\n\nKies een nieuw wachtwoord via deze link (30 minuten geldig, één keer te gebruiken):\n{link}\n\nHeb je dit niet gevraagd? Dan blijft je wachtwoord ongewijzigd.\n"
            ),
        ),
        (Template::PasswordReset { name, link }, Fr) => (
            "Choisir un nouveau mot de passe".into(),
            format!(
                "Bonjour {name},\n\nChoisissez un nouveau mot de passe avec ce lien (valable 30 minutes, à usage unique) :\n{link}\n\nVous ne l'avez pas demandé ? Votre mot de passe reste inchangé.\n"
            ),
        ),
        (Template::PasswordReset { name, link }, En) => (
            "Choose a new password".into(),
            format!(
                "Hello {name},\n\nChoose a new password with this link (valid for 30 minutes, single use):\n{link}\n\nDid not ask for this? Your password stays as it is.\n"
            ),
        ),
        (Template::PasswordChanged { name }, Nl) => (
            "Je wachtwoord is gewijzigd".into(),
            format!(
                "Dag {name},\n\nJe wachtwoord is gewijzigd en je bent overal afgemeld. Was jij dit niet? Vraag dan meteen een nieuw wachtwoord aan.\n"
            ),
        ),
        (Template::PasswordChanged { name }, Fr) => (
            "Votre mot de passe a été modifié".into(),
            format!(
                "Bonjour {name},\n\nVotre mot de passe a été modifié et toutes vos sessions ont été fermées. Ce n'était pas vous ? Demandez immédiatement un nouveau mot de passe.\n"
            ),
        ),
        (Template::PasswordChanged { name }, En) => (
            "Your password was changed".into(),
            format!(
                "Hello {name},\n\nYour password was changed and you were signed out everywhere. Was it not you? Ask for a new password right away.\n"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_its_own_text_and_carries_the_link() {
        let template = Template::VerifyEmail {
            name: "An",
            link: "http://x/verify-email?token=abc",
        };
        let texts: Vec<_> = [Locale::Nl, Locale::Fr, Locale::En]
            .into_iter()
            .map(|l| render(&template, l))
            .collect();
        assert!(texts.iter().all(|(_, body)| body.contains("token=abc")));
        assert_ne!(texts[0].0, texts[1].0);
        assert_ne!(texts[1].0, texts[2].0);
    }
}
