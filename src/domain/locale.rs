//! The visitor's language, and the server's own words to the visitor
//! (system messages on web and WhatsApp, the CSAT question, mails) in each
//! of the six languages the visitor app speaks.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod phrases;
pub use phrases::Phrase;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, utoipa::ToSchema,
)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Es,
    Fr,
    De,
    Pt,
    Ar,
}

impl Locale {
    pub const ALL: [Locale; 6] = [
        Locale::En,
        Locale::Es,
        Locale::Fr,
        Locale::De,
        Locale::Pt,
        Locale::Ar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Fr => "fr",
            Locale::De => "de",
            Locale::Pt => "pt",
            Locale::Ar => "ar",
        }
    }

    /// A language tag (`es`, `pt-BR`, `ar_EG`, `FR`); `None` for languages we do not speak.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.as_str() == primary)
    }

    /// The stored column, or English.
    pub fn of(stored: Option<&str>) -> Locale {
        stored.and_then(Locale::parse).unwrap_or_default()
    }
}

/// An instant as the team's clock shows it, with the weekday in the
/// visitor's language: "Monday 09:00 (Europe/Paris)".
pub fn when(at: DateTime<Utc>, zone: Tz, locale: Locale) -> String {
    let local = at.with_timezone(&zone);
    let day = local.weekday().num_days_from_monday() as usize;
    let names: [&str; 7] = match locale {
        Locale::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
        Locale::Es => [
            "el lunes",
            "el martes",
            "el miércoles",
            "el jueves",
            "el viernes",
            "el sábado",
            "el domingo",
        ],
        Locale::Fr => [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        Locale::De => [
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
            "Sonntag",
        ],
        Locale::Pt => [
            "segunda-feira",
            "terça-feira",
            "quarta-feira",
            "quinta-feira",
            "sexta-feira",
            "sábado",
            "domingo",
        ],
        Locale::Ar => [
            "الاثنين",
            "الثلاثاء",
            "الأربعاء",
            "الخميس",
            "الجمعة",
            "السبت",
            "الأحد",
        ],
    };
    format!("{} {} ({})", names[day], local.format("%H:%M"), zone.name())
}

/// The language of a WhatsApp message, when it is clearly one of ours:
/// Arabic by its script; the others by their most common short words (two
/// at least, and more than any other language). Chat messages are too short
/// for statistical detectors (whatlang took "Bonjour, je voudrais savoir
/// quand ma commande arrivera" for Portuguese).
pub fn detect(text: &str) -> Option<Locale> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let arabic = text
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    if letters > 0 && arabic * 2 > letters {
        return Some(Locale::Ar);
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let score = |list: &[&str]| words.iter().filter(|w| list.contains(&w.as_str())).count();
    let mut scores: Vec<(usize, Locale)> = [
        (score(EN_WORDS), Locale::En),
        (score(ES_WORDS), Locale::Es),
        (score(FR_WORDS), Locale::Fr),
        (score(DE_WORDS), Locale::De),
        (score(PT_WORDS), Locale::Pt),
    ]
    .into();
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
    let (best, locale) = scores[0];
    (best >= 2 && best > scores[1].0).then_some(locale)
}

const EN_WORDS: &[&str] = &[
    "the", "and", "is", "are", "you", "my", "i", "to", "of", "it", "do", "does", "what", "where",
    "when", "how", "can", "please", "thanks", "hello", "hi", "have", "need", "with", "for", "this",
    "order", "want", "not", "your",
];
const ES_WORDS: &[&str] = &[
    "el", "la", "los", "las", "es", "y", "mi", "de", "que", "por", "favor", "hola", "gracias",
    "quiero", "quisiera", "dónde", "donde", "cuándo", "cuando", "cómo", "como", "está", "pedido",
    "un", "una", "para", "con", "no", "necesito", "saber",
];
const FR_WORDS: &[&str] = &[
    "le", "la", "les", "est", "et", "je", "mon", "ma", "mes", "de", "du", "que", "pour", "bonjour",
    "merci", "voudrais", "où", "quand", "comment", "commande", "une", "un", "avec", "pas", "vous",
    "nous", "savoir", "il", "c'est", "j'ai",
];
const DE_WORDS: &[&str] = &[
    "der",
    "die",
    "das",
    "ist",
    "und",
    "ich",
    "mein",
    "meine",
    "nicht",
    "wo",
    "wann",
    "wie",
    "bitte",
    "danke",
    "hallo",
    "ein",
    "eine",
    "mit",
    "für",
    "paket",
    "bestellung",
    "sie",
    "wir",
    "haben",
    "möchte",
    "kann",
    "zu",
    "auf",
    "guten",
    "tag",
];
const PT_WORDS: &[&str] = &[
    "o", "os", "as", "é", "e", "eu", "meu", "minha", "de", "do", "da", "que", "por", "favor",
    "olá", "ola", "obrigado", "obrigada", "onde", "quando", "como", "está", "pedido", "um", "uma",
    "para", "com", "não", "gostaria", "preciso",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_phrases() {
        assert_eq!(Locale::parse("pt-BR"), Some(Locale::Pt));
        assert_eq!(Locale::parse("AR_eg"), Some(Locale::Ar));
        assert_eq!(Locale::parse("it"), None);
        assert_eq!(Locale::of(None), Locale::En);
        for l in Locale::ALL {
            let joined = Phrase::Joined { agent: "Bob" }.text(l);
            assert!(joined.contains("Bob"), "{l:?}: {joined}");
            assert_ne!(Phrase::Queued.text(l), "");
        }
        assert_eq!(
            Phrase::Joined { agent: "Bob" }.text(Locale::Es),
            "Bob se unió al chat."
        );
        assert!(
            Phrase::QueuedOffline {
                next_open: Some("Mon 09:00"),
                by_email: true,
            }
            .text(Locale::En)
            .ends_with("we open again Mon 09:00.")
        );
    }

    /// The bot's words name the visitor app's handoff button exactly as
    /// that language's app labels it.
    #[test]
    fn the_bot_names_the_apps_button() {
        let apps = [
            (Locale::En, include_str!("../../web-user/src/i18n/en.ts")),
            (Locale::Es, include_str!("../../web-user/src/i18n/es.ts")),
            (Locale::Fr, include_str!("../../web-user/src/i18n/fr.ts")),
            (Locale::De, include_str!("../../web-user/src/i18n/de.ts")),
            (Locale::Pt, include_str!("../../web-user/src/i18n/pt.ts")),
            (Locale::Ar, include_str!("../../web-user/src/i18n/ar.ts")),
        ];
        for (l, app) in apps {
            let label = app
                .split("\"handoff.button\": \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("the app labels its handoff button");
            for phrase in [
                Phrase::BotDoesNotKnow { handing_off: false },
                Phrase::BotOffersPerson,
                Phrase::BotHasNoPages { first: true },
                Phrase::BotHasNoPages { first: false },
            ] {
                let text = phrase.text(l);
                assert!(text.contains(label), "{l:?}: {text:?} names no {label:?}");
            }
            assert!(
                !Phrase::BotDoesNotKnow { handing_off: true }
                    .text(l)
                    .contains(label)
            );
        }
    }

    #[test]
    fn when_is_on_the_team_clock() {
        let at: DateTime<Utc> = "2026-12-07T08:00:00Z".parse().unwrap();
        assert_eq!(
            when(at, chrono_tz::Europe::Paris, Locale::En),
            "Monday 09:00 (Europe/Paris)"
        );
        assert_eq!(
            when(at, chrono_tz::Europe::Paris, Locale::Fr),
            "lundi 09:00 (Europe/Paris)"
        );
    }

    #[test]
    fn detects_the_language_of_a_clear_sentence() {
        assert_eq!(
            detect("Hola, quisiera saber cuándo llega mi pedido por favor"),
            Some(Locale::Es)
        );
        assert_eq!(
            detect("Bonjour, je voudrais savoir quand ma commande arrivera"),
            Some(Locale::Fr)
        );
        assert_eq!(detect("مرحبا، أريد أن أعرف متى يصل طلبي"), Some(Locale::Ar));
        assert_eq!(detect("Wo ist mein Paket, bitte?"), Some(Locale::De));
        assert_eq!(detect("Olá, onde está o meu pedido?"), Some(Locale::Pt));
        assert_eq!(detect("Do you ship to Norway?"), Some(Locale::En));
        assert_eq!(detect("3"), None);
        assert_eq!(detect("ok"), None);
    }
}
