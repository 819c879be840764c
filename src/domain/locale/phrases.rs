//! The server's own words to the visitor, in each of the six languages.

use super::Locale;

/// What the server says to a visitor. Names are inserted as given.
#[derive(Debug, Clone)]
pub enum Phrase<'a> {
    Queued,
    /// Outside the hours or with no one online; `next_open` already
    /// formatted (`when`); `by_email` for web visitors (WhatsApp is answered
    /// where it is).
    QueuedOffline {
        next_open: Option<&'a str>,
        by_email: bool,
    },
    Joined {
        agent: &'a str,
    },
    LeftFindingSomeone {
        agent: &'a str,
    },
    TookOver {
        agent: &'a str,
    },
    HandedOver {
        from: &'a str,
        to: &'a str,
    },
    AskedToEnd {
        who: &'a str,
    },
    WouldContinue {
        who: &'a str,
    },
    EndedBy {
        who: &'a str,
    },
    Ended,
    IdleClosed {
        minutes: u64,
    },
    /// After a WhatsApp chat: reply with a digit.
    CsatQuestion,
    CsatThanks,
    /// A mail's subject lines.
    ReplySubject {
        title: &'a str,
    },
    TranscriptSubject {
        title: &'a str,
    },
    /// The link back to the chat in a reply mail.
    ContinueAt {
        url: &'a str,
    },
}

impl Phrase<'_> {
    pub fn text(&self, locale: Locale) -> String {
        use Locale::*;
        use Phrase::*;
        match (self, locale) {
            (Queued, En) => "You're in the queue. An agent will join shortly.".into(),
            (Queued, Es) => "Estás en la cola. Un agente se unirá en breve.".into(),
            (Queued, Fr) => "Vous êtes dans la file d'attente. Un conseiller va vous rejoindre.".into(),
            (Queued, De) => "Sie sind in der Warteschlange. Gleich meldet sich jemand.".into(),
            (Queued, Pt) => "Você está na fila. Um atendente vai entrar em breve.".into(),
            (Queued, Ar) => "أنت في قائمة الانتظار. سينضم إليك أحد الموظفين قريبًا.".into(),
            (QueuedOffline { next_open, by_email }, l) => {
                let base = match (l, by_email) {
                    (En, true) => "No one is available right now. Leave your email and we'll answer there",
                    (Es, true) => "No hay nadie disponible ahora. Deja tu correo y te responderemos allí",
                    (Fr, true) => "Personne n'est disponible pour le moment. Laissez votre e-mail et nous vous répondrons",
                    (De, true) => "Gerade ist niemand erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse, wir antworten dort",
                    (Pt, true) => "Ninguém está disponível agora. Deixe seu e-mail e responderemos por lá",
                    (Ar, true) => "لا يوجد أحد متاح الآن. اترك بريدك الإلكتروني وسنرد عليك هناك",
                    (En, false) => "No one is available right now. We'll answer here as soon as someone is back",
                    (Es, false) => "No hay nadie disponible ahora. Te responderemos aquí en cuanto alguien vuelva",
                    (Fr, false) => "Personne n'est disponible pour le moment. Nous vous répondrons ici dès que possible",
                    (De, false) => "Gerade ist niemand erreichbar. Wir antworten hier, sobald jemand da ist",
                    (Pt, false) => "Ninguém está disponível agora. Responderemos aqui assim que alguém voltar",
                    (Ar, false) => "لا يوجد أحد متاح الآن. سنرد عليك هنا فور عودة أحد الموظفين",
                };
                match (next_open, l) {
                    (None, _) => format!("{base}."),
                    (Some(at), En) => format!("{base}; we open again {at}."),
                    (Some(at), Es) => format!("{base}; volvemos a abrir {at}."),
                    (Some(at), Fr) => format!("{base} ; nous rouvrons {at}."),
                    (Some(at), De) => format!("{base}; wir sind wieder da: {at}."),
                    (Some(at), Pt) => format!("{base}; voltamos a abrir {at}."),
                    (Some(at), Ar) => format!("{base}؛ نعود للعمل {at}."),
                }
            }
            (Joined { agent }, En) => format!("{agent} joined the chat."),
            (Joined { agent }, Es) => format!("{agent} se unió al chat."),
            (Joined { agent }, Fr) => format!("{agent} a rejoint la conversation."),
            (Joined { agent }, De) => format!("{agent} ist dem Chat beigetreten."),
            (Joined { agent }, Pt) => format!("{agent} entrou no chat."),
            (Joined { agent }, Ar) => format!("انضم {agent} إلى المحادثة."),
            (LeftFindingSomeone { agent }, En) => {
                format!("{agent} left the chat; we are finding someone else.")
            }
            (LeftFindingSomeone { agent }, Es) => {
                format!("{agent} salió del chat; estamos buscando a otra persona.")
            }
            (LeftFindingSomeone { agent }, Fr) => {
                format!("{agent} a quitté la conversation ; nous cherchons quelqu'un d'autre.")
            }
            (LeftFindingSomeone { agent }, De) => {
                format!("{agent} hat den Chat verlassen; wir suchen jemand anderen.")
            }
            (LeftFindingSomeone { agent }, Pt) => {
                format!("{agent} saiu do chat; estamos procurando outra pessoa.")
            }
            (LeftFindingSomeone { agent }, Ar) => {
                format!("غادر {agent} المحادثة؛ نبحث عن شخص آخر.")
            }
            (TookOver { agent }, En) => format!("{agent} took over the chat."),
            (TookOver { agent }, Es) => format!("{agent} se hizo cargo del chat."),
            (TookOver { agent }, Fr) => format!("{agent} a pris la conversation en charge."),
            (TookOver { agent }, De) => format!("{agent} hat den Chat übernommen."),
            (TookOver { agent }, Pt) => format!("{agent} assumiu o chat."),
            (TookOver { agent }, Ar) => format!("تولّى {agent} المحادثة."),
            (HandedOver { from, to }, En) => format!("{from} handed the chat to {to}."),
            (HandedOver { from, to }, Es) => format!("{from} pasó el chat a {to}."),
            (HandedOver { from, to }, Fr) => format!("{from} a transmis la conversation à {to}."),
            (HandedOver { from, to }, De) => format!("{from} hat den Chat an {to} übergeben."),
            (HandedOver { from, to }, Pt) => format!("{from} passou o chat para {to}."),
            (HandedOver { from, to }, Ar) => format!("حوّل {from} المحادثة إلى {to}."),
            (AskedToEnd { who }, En) => format!("{who} asked to end the chat."),
            (AskedToEnd { who }, Es) => format!("{who} pidió terminar el chat."),
            (AskedToEnd { who }, Fr) => format!("{who} a demandé à terminer la conversation."),
            (AskedToEnd { who }, De) => format!("{who} möchte den Chat beenden."),
            (AskedToEnd { who }, Pt) => format!("{who} pediu para encerrar o chat."),
            (AskedToEnd { who }, Ar) => format!("طلب {who} إنهاء المحادثة."),
            (WouldContinue { who }, En) => format!("{who} would like to continue the chat."),
            (WouldContinue { who }, Es) => format!("{who} quiere continuar el chat."),
            (WouldContinue { who }, Fr) => format!("{who} souhaite poursuivre la conversation."),
            (WouldContinue { who }, De) => format!("{who} möchte den Chat fortsetzen."),
            (WouldContinue { who }, Pt) => format!("{who} gostaria de continuar o chat."),
            (WouldContinue { who }, Ar) => format!("يرغب {who} في متابعة المحادثة."),
            (EndedBy { who }, En) => format!("{who} ended the chat."),
            (EndedBy { who }, Es) => format!("{who} terminó el chat."),
            (EndedBy { who }, Fr) => format!("{who} a terminé la conversation."),
            (EndedBy { who }, De) => format!("{who} hat den Chat beendet."),
            (EndedBy { who }, Pt) => format!("{who} encerrou o chat."),
            (EndedBy { who }, Ar) => format!("أنهى {who} المحادثة."),
            (Ended, En) => "The chat has ended.".into(),
            (Ended, Es) => "El chat ha terminado.".into(),
            (Ended, Fr) => "La conversation est terminée.".into(),
            (Ended, De) => "Der Chat ist beendet.".into(),
            (Ended, Pt) => "O chat foi encerrado.".into(),
            (Ended, Ar) => "انتهت المحادثة.".into(),
            (IdleClosed { minutes }, En) => format!(
                "This chat was closed after {minutes} minute{} without a message. Start a new one any time.",
                if *minutes == 1 { "" } else { "s" }
            ),
            (IdleClosed { minutes }, Es) => format!(
                "Este chat se cerró tras {minutes} minuto{} sin mensajes. Puedes empezar otro cuando quieras.",
                if *minutes == 1 { "" } else { "s" }
            ),
            (IdleClosed { minutes }, Fr) => format!(
                "Cette conversation a été fermée après {minutes} minute{} sans message. Vous pouvez en commencer une autre à tout moment.",
                if *minutes == 1 { "" } else { "s" }
            ),
            (IdleClosed { minutes }, De) => format!(
                "Dieser Chat wurde nach {minutes} Minute{} ohne Nachricht geschlossen. Sie können jederzeit einen neuen beginnen.",
                if *minutes == 1 { "" } else { "n" }
            ),
            (IdleClosed { minutes }, Pt) => format!(
                "Este chat foi fechado após {minutes} minuto{} sem mensagens. Comece outro quando quiser.",
                if *minutes == 1 { "" } else { "s" }
            ),
            (IdleClosed { minutes }, Ar) => format!(
                "أُغلقت هذه المحادثة بعد {minutes} دقيقة دون رسائل. يمكنك بدء محادثة جديدة في أي وقت."
            ),
            (CsatQuestion, En) => {
                "How did we do? Reply with a number from 1 (bad) to 5 (great).".into()
            }
            (CsatQuestion, Es) => "¿Qué tal lo hicimos? Responde con un número del 1 (mal) al 5 (excelente).".into(),
            (CsatQuestion, Fr) => "Comment s'est passé cet échange ? Répondez par un chiffre de 1 (mauvais) à 5 (excellent).".into(),
            (CsatQuestion, De) => "Wie waren wir? Antworten Sie mit einer Zahl von 1 (schlecht) bis 5 (sehr gut).".into(),
            (CsatQuestion, Pt) => "Como foi o atendimento? Responda com um número de 1 (ruim) a 5 (ótimo).".into(),
            (CsatQuestion, Ar) => "كيف كانت خدمتنا؟ أرسل رقمًا من 1 (سيئة) إلى 5 (ممتازة).".into(),
            (CsatThanks, En) => "Thank you for your feedback!".into(),
            (CsatThanks, Es) => "¡Gracias por tu opinión!".into(),
            (CsatThanks, Fr) => "Merci pour votre avis !".into(),
            (CsatThanks, De) => "Vielen Dank für Ihr Feedback!".into(),
            (CsatThanks, Pt) => "Obrigado pela sua avaliação!".into(),
            (CsatThanks, Ar) => "شكرًا على رأيك!".into(),
            (ReplySubject { title }, En) => format!("New reply from {title}"),
            (ReplySubject { title }, Es) => format!("Nueva respuesta de {title}"),
            (ReplySubject { title }, Fr) => format!("Nouvelle réponse de {title}"),
            (ReplySubject { title }, De) => format!("Neue Antwort von {title}"),
            (ReplySubject { title }, Pt) => format!("Nova resposta de {title}"),
            (ReplySubject { title }, Ar) => format!("رد جديد من {title}"),
            (TranscriptSubject { title }, En) => format!("Your chat with {title}"),
            (TranscriptSubject { title }, Es) => format!("Tu chat con {title}"),
            (TranscriptSubject { title }, Fr) => format!("Votre conversation avec {title}"),
            (TranscriptSubject { title }, De) => format!("Ihr Chat mit {title}"),
            (TranscriptSubject { title }, Pt) => format!("Seu chat com {title}"),
            (TranscriptSubject { title }, Ar) => format!("محادثتك مع {title}"),
            (ContinueAt { url }, En) => format!("Continue the chat: {url}"),
            (ContinueAt { url }, Es) => format!("Continúa el chat: {url}"),
            (ContinueAt { url }, Fr) => format!("Poursuivre la conversation : {url}"),
            (ContinueAt { url }, De) => format!("Chat fortsetzen: {url}"),
            (ContinueAt { url }, Pt) => format!("Continue o chat: {url}"),
            (ContinueAt { url }, Ar) => format!("تابع المحادثة: {url}"),
        }
    }
}
