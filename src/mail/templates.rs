//! The text of every e-mail, in Dutch, French and English, chosen by the recipient's locale.

use crate::domain::locale::Locale;
use crate::domain::notification::EventKind;
use crate::mail::Unsubscribe;

/// One kind of message with what it needs to say.
pub enum Template<'a> {
    VerifyEmail {
        name: &'a str,
        link: &'a str,
    },
    AlreadyRegistered {
        name: &'a str,
        reset_link: &'a str,
    },
    PasswordReset {
        name: &'a str,
        link: &'a str,
    },
    PasswordChanged {
        name: &'a str,
    },
    /// A round the recipient may vote in has opened.
    RoundOpened {
        name: &'a str,
        round: &'a str,
        link: &'a str,
    },
    /// A round the recipient was told had opened is called off before anyone voted: cancelled
    /// (`opens_again` absent) or moved to a later time.
    RoundCalledOff {
        name: &'a str,
        round: &'a str,
        reason: &'a str,
        opens_again: Option<&'a str>,
        link: &'a str,
    },
    /// The results of a round the recipient could vote in are published.
    ResultsPublished {
        name: &'a str,
        round: &'a str,
        link: &'a str,
    },
    /// A proposal the recipient wrote changed state.
    ProposalStateChanged {
        name: &'a str,
        title: &'a str,
        state: &'a str,
        reason: Option<&'a str>,
        link: &'a str,
    },
    /// Someone commented on a proposal the recipient wrote (`on_yours`) or follows.
    CommentAdded {
        name: &'a str,
        title: &'a str,
        commenter: &'a str,
        on_yours: bool,
        link: &'a str,
    },
    /// Work on a proposal the recipient wrote or follows reached a milestone.
    MilestoneReached {
        name: &'a str,
        title: &'a str,
        milestone: &'a str,
        link: &'a str,
    },
    /// The notifications of a day, one line each with its link.
    Digest {
        name: &'a str,
        items: &'a [(String, String)],
    },
}

impl Template<'_> {
    /// The page a message points to, for the line that stands for it in a digest.
    pub fn link(&self) -> Option<&str> {
        match self {
            Self::RoundOpened { link, .. }
            | Self::RoundCalledOff { link, .. }
            | Self::ResultsPublished { link, .. }
            | Self::ProposalStateChanged { link, .. }
            | Self::CommentAdded { link, .. }
            | Self::MilestoneReached { link, .. }
            | Self::VerifyEmail { link, .. }
            | Self::PasswordReset { link, .. } => Some(link),
            Self::AlreadyRegistered { .. } | Self::PasswordChanged { .. } | Self::Digest { .. } => {
                None
            }
        }
    }
}

/// What ends every notification: why it came, and (appended by the sender, which holds the
/// key that signs it) the link that stops this kind of mail with one click.
pub fn unsubscribe_footer(stops: Unsubscribe, locale: Locale) -> String {
    use EventKind::*;
    use Locale::{En, Fr, Nl};
    let Unsubscribe::Kind(kind) = stops else {
        return match locale {
            Nl => "\n-- \nJe krijgt dit dagelijkse overzicht omdat je het koos op je pagina. Stop het met één klik: ",
            Fr => "\n-- \nVous recevez ce résumé quotidien parce que vous l'avez choisi sur votre page. Arrêtez-le en un clic : ",
            En => "\n-- \nYou get this daily digest because you chose it on your page. Stop it with one click: ",
        }
        .to_string();
    };
    let about = match (kind, locale) {
        (StateChange, Nl) => "wijzigingen aan voorstellen",
        (StateChange, Fr) => "les changements des propositions",
        (StateChange, En) => "changes to proposals",
        (Review, Nl) => "de haalbaarheidstoets",
        (Review, Fr) => "l'examen de faisabilité",
        (Review, En) => "feasibility reviews",
        (NewComment, Nl) => "nieuwe reacties",
        (NewComment, Fr) => "les nouveaux commentaires",
        (NewComment, En) => "new comments",
        (RoundOpening, Nl) => "stemrondes",
        (RoundOpening, Fr) => "les tours de vote",
        (RoundOpening, En) => "voting rounds",
        (Decision, Nl) => "uitslagen en beslissingen",
        (Decision, Fr) => "les résultats et décisions",
        (Decision, En) => "results and decisions",
        (Milestone, Nl) => "de uitvoering",
        (Milestone, Fr) => "la réalisation",
        (Milestone, En) => "implementation",
    };
    match locale {
        Nl => format!(
            "\n-- \nJe krijgt deze mail over {about}. Kies op je pagina wat je wanneer krijgt, of stop deze mails met één klik: "
        ),
        Fr => format!(
            "\n-- \nVous recevez ce message sur {about}. Choisissez sur votre page ce que vous recevez et quand, ou arrêtez ces messages en un clic : "
        ),
        En => format!(
            "\n-- \nYou get this mail about {about}. Choose on your page what you get and when, or stop these mails with one click: "
        ),
    }
}

fn state_label(state: &str, locale: Locale) -> &str {
    use Locale::{En, Fr, Nl};
    match (state, locale) {
        ("draft", Nl) => "een ontwerp",
        ("draft", Fr) => "un brouillon",
        ("draft", En) => "a draft",
        ("submitted", Nl) => "ingediend",
        ("submitted", Fr) => "déposée",
        ("submitted", En) => "submitted",
        ("on_ballot", Nl) => "op het stembiljet",
        ("on_ballot", Fr) => "sur le bulletin de vote",
        ("on_ballot", En) => "on the ballot",
        ("funded", Nl) => "gefinancierd: het geld is toegewezen",
        ("funded", Fr) => "financée : l'argent est attribué",
        ("funded", En) => "funded: the money is assigned",
        ("in_progress", Nl) => "in uitvoering",
        ("in_progress", Fr) => "en cours de réalisation",
        ("in_progress", En) => "being carried out",
        ("completed", Nl) => "uitgevoerd",
        ("completed", Fr) => "réalisée",
        ("completed", En) => "completed",
        ("threshold_reached", Nl) => "genoeg steun: gaat naar de haalbaarheidstoets",
        ("threshold_reached", Fr) => "soutien suffisant : passe à l'examen de faisabilité",
        ("threshold_reached", En) => "enough support: goes on to the feasibility review",
        ("expired", Nl) => "niet genoeg steun gekregen",
        ("expired", Fr) => "pas assez de soutien",
        ("expired", En) => "did not get enough support",
        ("feasible", Nl) => "haalbaar",
        ("feasible", Fr) => "réalisable",
        ("feasible", En) => "feasible",
        ("infeasible", Nl) => "niet haalbaar",
        ("infeasible", Fr) => "non réalisable",
        ("infeasible", En) => "not feasible",
        ("withdrawn", Nl) => "ingetrokken",
        ("withdrawn", Fr) => "retirée",
        ("withdrawn", En) => "withdrawn",
        ("withdrawn_from_ballot", Nl) => "van het stembiljet gehaald door de stad",
        ("withdrawn_from_ballot", Fr) => "retirée du bulletin de vote par la ville",
        ("withdrawn_from_ballot", En) => "taken off the ballot by the city",
        ("hidden", Nl) => "verborgen door de moderatie",
        ("hidden", Fr) => "masquée par la modération",
        ("hidden", En) => "hidden by moderation",
        ("visible", Nl) => "weer zichtbaar",
        ("visible", Fr) => "de nouveau visible",
        ("visible", En) => "visible again",
        ("selected", Nl) => "gekozen door de stemming",
        ("selected", Fr) => "retenue par le vote",
        ("selected", En) => "selected by the vote",
        ("not_selected", Nl) => "niet gekozen door de stemming",
        ("not_selected", Fr) => "non retenue par le vote",
        ("not_selected", En) => "not selected by the vote",
        ("not_selected_confirmed", Nl) => {
            "niet gekozen door de stemming; de gemeenteraad bevestigde de uitslag"
        }
        ("not_selected_confirmed", Fr) => {
            "non retenue par le vote ; le conseil communal a confirmé le résultat"
        }
        ("not_selected_confirmed", En) => {
            "not selected by the vote; the council confirmed the outcome"
        }
        ("added_by_council", Nl) => {
            "niet gekozen door de stemming, maar toegevoegd en goedgekeurd door de gemeenteraad"
        }
        ("added_by_council", Fr) => {
            "non retenue par le vote, mais ajoutée et approuvée par le conseil communal"
        }
        ("added_by_council", En) => {
            "not selected by the vote, but added and approved by the council"
        }
        ("removed_by_council", Nl) => {
            "eerder goedgekeurd, maar geschrapt door een nieuwe beslissing van de gemeenteraad"
        }
        ("removed_by_council", Fr) => {
            "approuvée d'abord, puis retirée par une nouvelle décision du conseil communal"
        }
        ("removed_by_council", En) => "approved earlier, but removed by a later council decision",
        ("approved", Nl) => "goedgekeurd door de gemeenteraad",
        ("approved", Fr) => "approuvée par le conseil communal",
        ("approved", En) => "approved by the council",
        ("rejected", Nl) => "gekozen door de stemming, maar niet goedgekeurd door de gemeenteraad",
        ("rejected", Fr) => "retenue par le vote, mais non approuvée par le conseil communal",
        ("rejected", En) => "selected by the vote, but not approved by the council",
        (other, _) => other,
    }
}

/// Subject and plain-text body. Long on purpose: one arm per template and language, so a
/// translator reads every text of a mail in one place.
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
        (Template::RoundOpened { name, round, link }, Nl) => (
            format!("De stemming is open: {round}"),
            format!("Dag {name},\n\nJe kunt nu stemmen in \"{round}\":\n{link}\n"),
        ),
        (Template::RoundOpened { name, round, link }, Fr) => (
            format!("Le vote est ouvert : {round}"),
            format!("Bonjour {name},\n\nVous pouvez maintenant voter dans « {round} » :\n{link}\n"),
        ),
        (Template::RoundOpened { name, round, link }, En) => (
            format!("Voting is open: {round}"),
            format!("Hello {name},\n\nYou can now vote in \"{round}\":\n{link}\n"),
        ),
        (
            Template::RoundCalledOff {
                name,
                round,
                reason,
                opens_again,
                link,
            },
            Nl,
        ) => (
            format!("De stemming gaat niet door: {round}"),
            format!(
                "Dag {name},\n\nDe stemming \"{round}\" is stopgezet voor iemand stemde. Reden: {reason}\n{}\n{link}\n",
                opens_again.map_or("Ze wordt niet opnieuw gepland.".to_string(), |at| format!(
                    "Ze opent opnieuw op {at} (UTC)."
                ))
            ),
        ),
        (
            Template::RoundCalledOff {
                name,
                round,
                reason,
                opens_again,
                link,
            },
            Fr,
        ) => (
            format!("Le vote n'a pas lieu : {round}"),
            format!(
                "Bonjour {name},\n\nLe vote « {round} » est arrêté avant tout bulletin. Motif : {reason}\n{}\n{link}\n",
                opens_again.map_or("Il n'est pas reprogrammé.".to_string(), |at| format!(
                    "Il rouvre le {at} (UTC)."
                ))
            ),
        ),
        (
            Template::RoundCalledOff {
                name,
                round,
                reason,
                opens_again,
                link,
            },
            En,
        ) => (
            format!("The vote is called off: {round}"),
            format!(
                "Hello {name},\n\nThe vote \"{round}\" was stopped before anyone voted. Reason: {reason}\n{}\n{link}\n",
                opens_again.map_or("It is not rescheduled.".to_string(), |at| format!(
                    "It opens again on {at} (UTC)."
                ))
            ),
        ),
        (
            Template::CommentAdded {
                name,
                title,
                commenter,
                on_yours,
                link,
            },
            Nl,
        ) => (
            format!("Een reactie op \"{title}\""),
            format!(
                "Dag {name},\n\n{commenter} reageerde op {} \"{title}\":\n{link}\n",
                if *on_yours {
                    "je voorstel"
                } else {
                    "het voorstel dat je volgt"
                }
            ),
        ),
        (
            Template::CommentAdded {
                name,
                title,
                commenter,
                on_yours,
                link,
            },
            Fr,
        ) => (
            format!("Un commentaire sur « {title} »"),
            format!(
                "Bonjour {name},\n\n{commenter} a commenté {} « {title} » :\n{link}\n",
                if *on_yours {
                    "votre proposition"
                } else {
                    "la proposition que vous suivez"
                }
            ),
        ),
        (
            Template::CommentAdded {
                name,
                title,
                commenter,
                on_yours,
                link,
            },
            En,
        ) => (
            format!("A comment on \"{title}\""),
            format!(
                "Hello {name},\n\n{commenter} commented on {} \"{title}\":\n{link}\n",
                if *on_yours {
                    "your proposal"
                } else {
                    "the proposal you follow"
                }
            ),
        ),
        (
            Template::MilestoneReached {
                name,
                title,
                milestone,
                link,
            },
            Nl,
        ) => (
            format!("Nieuws over de uitvoering van \"{title}\""),
            format!("Dag {name},\n\nDe uitvoering van \"{title}\" is zover: {milestone}\n{link}\n"),
        ),
        (
            Template::MilestoneReached {
                name,
                title,
                milestone,
                link,
            },
            Fr,
        ) => (
            format!("Des nouvelles de la réalisation de « {title} »"),
            format!(
                "Bonjour {name},\n\nLa réalisation de « {title} » avance : {milestone}\n{link}\n"
            ),
        ),
        (
            Template::MilestoneReached {
                name,
                title,
                milestone,
                link,
            },
            En,
        ) => (
            format!("News about the work on \"{title}\""),
            format!("Hello {name},\n\nThe work on \"{title}\" has reached: {milestone}\n{link}\n"),
        ),
        (Template::Digest { name, items }, locale) => digest(name, items, locale),
        (Template::ResultsPublished { name, round, link }, Nl) => (
            format!("De uitslag van {round}"),
            format!("Dag {name},\n\nDe uitslag van \"{round}\" is bekend:\n{link}\n"),
        ),
        (Template::ResultsPublished { name, round, link }, Fr) => (
            format!("Les résultats de {round}"),
            format!("Bonjour {name},\n\nLes résultats de « {round} » sont publiés :\n{link}\n"),
        ),
        (Template::ResultsPublished { name, round, link }, En) => (
            format!("The results of {round}"),
            format!("Hello {name},\n\nThe results of \"{round}\" are published:\n{link}\n"),
        ),
        (
            Template::ProposalStateChanged {
                name,
                title,
                state,
                reason,
                link,
            },
            locale,
        ) => proposal_state_changed(name, title, state, *reason, link, locale),
    }
}

fn proposal_state_changed(
    name: &str,
    title: &str,
    state: &str,
    reason: Option<&str>,
    link: &str,
    locale: Locale,
) -> (String, String) {
    let label = state_label(state, locale);
    let reason = reason.map(|r| format!("\n{r}\n")).unwrap_or_default();
    match locale {
        Locale::Nl => (
            format!("Je voorstel \"{title}\": {label}"),
            format!(
                "Dag {name},\n\nJe voorstel \"{title}\" is nu: {label}.\n{reason}\nBekijk het hier: {link}\n"
            ),
        ),
        Locale::Fr => (
            format!("Votre proposition « {title} » : {label}"),
            format!(
                "Bonjour {name},\n\nVotre proposition « {title} » est maintenant : {label}.\n{reason}\nConsultez-la ici : {link}\n"
            ),
        ),
        Locale::En => (
            format!("Your proposal \"{title}\": {label}"),
            format!(
                "Hello {name},\n\nYour proposal \"{title}\" is now: {label}.\n{reason}\nSee it here: {link}\n"
            ),
        ),
    }
}

fn digest(name: &str, items: &[(String, String)], locale: Locale) -> (String, String) {
    let lines: String = items
        .iter()
        .map(|(line, link)| format!("- {line}\n  {link}\n"))
        .collect();
    let count = items.len();
    match locale {
        Locale::Nl => (
            format!("Je overzicht van vandaag: {count} meldingen"),
            format!("Dag {name},\n\nDit gebeurde er sinds je vorige overzicht:\n\n{lines}"),
        ),
        Locale::Fr => (
            format!("Votre résumé du jour : {count} notifications"),
            format!(
                "Bonjour {name},\n\nVoici ce qui s'est passé depuis votre dernier résumé :\n\n{lines}"
            ),
        ),
        Locale::En => (
            format!("Your daily digest: {count} notifications"),
            format!("Hello {name},\n\nThis happened since your last digest:\n\n{lines}"),
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

    /// Every state a proposal mail can name, and every label the services send, has its own
    /// words in each language: never the stored name, never English inside Dutch or French.
    #[test]
    fn every_state_a_mail_names_is_written_out_in_each_language() {
        use crate::domain::proposal::ProposalState;
        let labels = ProposalState::ALL
            .map(ProposalState::as_str)
            .into_iter()
            .chain([
                "withdrawn_from_ballot",
                "hidden",
                "visible",
                "not_selected_confirmed",
                "added_by_council",
                "removed_by_council",
            ]);
        for label in labels {
            let [nl, fr, en] = [Locale::Nl, Locale::Fr, Locale::En].map(|l| state_label(label, l));
            assert!(
                !nl.contains('_') && !fr.contains('_') && !en.contains('_'),
                "{label}"
            );
            assert!(
                nl != en && fr != en && nl != fr,
                "{label}: {nl} / {fr} / {en}"
            );
        }
    }
}
