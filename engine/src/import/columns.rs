//! Which column holds what: report kinds, fields, header synonyms (Russian,
//! Ukrainian, English), the editable [`ColumnMap`], and detection of the header
//! row(s) below title rows.

use core::fmt;

use super::csv::Delimiter;

/// The three kinds of statistics the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// One row per interval (and queue/channel): counts and averages.
    Interval,
    /// Call-detail records: one row per contact.
    Cdr,
    /// One row per agent and period: state times and contacts.
    Agent,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [ReportKind::Cdr, ReportKind::Interval, ReportKind::Agent];

    /// Stable machine name: `"interval_report"`, `"cdr"`, `"agent_report"`.
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Interval => "interval_report",
            ReportKind::Cdr => "cdr",
            ReportKind::Agent => "agent_report",
        }
    }

    /// Inverse of [`ReportKind::name`]; also accepts `interval`, `agent`, `agents`.
    pub fn from_name(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "interval_report" | "interval" | "intervals" => Some(ReportKind::Interval),
            "cdr" | "cdrs" | "call_detail" => Some(ReportKind::Cdr),
            "agent_report" | "agent" | "agents" => Some(ReportKind::Agent),
            _ => None,
        }
    }

    fn bit(self) -> u8 {
        match self {
            ReportKind::Interval => I,
            ReportKind::Cdr => C,
            ReportKind::Agent => A,
        }
    }

    /// Fields a file of this kind may map.
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| f.kinds() & self.bit() != 0)
    }

    /// What a mapping of this kind must contain: each entry is satisfied by
    /// any one of its fields.
    pub fn requirements(self) -> &'static [&'static [Field]] {
        use Field::*;
        match self {
            ReportKind::Interval => &[&[DateTime, Date], &[Offered], &[Answered]],
            ReportKind::Cdr => &[&[DateTime, Date, QueueEntry], &[Outcome], &[Wait, QueueExit]],
            ReportKind::Agent => &[&[Agent], &[LoggedIn, Available, NotReady]],
        }
    }
}

impl fmt::Display for ReportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

const I: u8 = 1;
const C: u8 = 2;
const A: u8 = 4;

macro_rules! fields {
    ($($v:ident => $name:literal, $kinds:expr, $doc:literal;)*) => {
        /// A quantity a column can hold. What it means per kind is in its doc.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $(#[doc = $doc] $v,)* }

        impl Field {
            /// Every field, in display order.
            pub const ALL: [Field; 0 $(+ { let _ = stringify!($v); 1 })*] = [$(Field::$v,)*];
            /// Number of fields.
            pub const COUNT: usize = Field::ALL.len();

            /// Stable machine name (`"offered"`, `"aht_s"` …), used in saved
            /// mappings and rejected-row reports.
            pub fn name(self) -> &'static str {
                match self { $(Field::$v => $name,)* }
            }

            /// English description (the app translates by [`Field::name`]).
            pub fn describe(self) -> &'static str {
                match self { $(Field::$v => $doc,)* }
            }

            fn kinds(self) -> u8 {
                match self { $(Field::$v => $kinds,)* }
            }
        }
    };
}

fields! {
    DateTime => "datetime", I | C | A, "date and time: interval start (interval report), arrival (CDR), period start (agent report)";
    Date => "date", I | C | A, "date, combined with the time column";
    Time => "time", I | C, "time of day, or an interval such as 08:00-08:15";
    Queue => "queue", I | C | A, "queue, skill or service line";
    Channel => "channel", I | C, "channel: phone, e-mail, chat, messenger, web form";
    Offered => "offered", I, "contacts offered in the interval";
    Answered => "answered", I, "contacts answered (handled) in the interval";
    Abandoned => "abandoned", I, "contacts abandoned in the interval";
    ShortAbandoned => "short_abandoned", I, "short abandons (caller hung up almost at once)";
    AnsweredWithinT => "answered_within_t", I, "contacts answered within the report's threshold T";
    AbandonedWithinT => "abandoned_within_t", I, "contacts abandoned within the report's threshold T";
    TalkAvg => "talk_avg_s", I, "average talk time per answered contact";
    HoldAvg => "hold_avg_s", I, "average hold time per answered contact";
    AcwAvg => "acw_avg_s", I, "average after-contact work per answered contact";
    Aht => "aht_s", I, "average handle time (talk + hold + after-contact work)";
    Asa => "asa_s", I, "average speed of answer (mean wait of answered contacts)";
    AgentsStaffed => "agents_staffed", I, "agents staffed (average over the interval)";
    ServiceLevel => "service_level", I, "service level as reported";
    ContactId => "contact_id", C, "contact / call identifier";
    QueueEntry => "queue_entry", C, "time the contact entered the queue";
    QueueExit => "queue_exit", C, "time the contact left the queue (answered or abandoned)";
    Outcome => "outcome", C, "outcome: answered, abandoned, short abandon, blocked";
    Wait => "wait_s", C, "time waited in queue";
    Talk => "talk_s", I | C | A, "talk time (CDR: of the contact; interval and agent reports: total)";
    Hold => "hold_s", I | C | A, "hold time (CDR: of the contact; interval and agent reports: total)";
    Acw => "acw_s", I | C | A, "after-contact work / wrap-up (CDR: of the contact; reports: total)";
    Agent => "agent", C | A, "agent (operator) name or login";
    Transferred => "transferred", C, "transferred to another agent or queue: yes/no (1/0)";
    Resolved => "resolved", C, "resolved at first contact, as marked by the agent or a survey: yes/no (1/0)";
    Caller => "caller_id", C, "caller or customer identifier (phone number, client id), for repeat contacts";
    Csat => "csat", C, "customer satisfaction survey score (1 to 5)";
    Nps => "nps", C, "likelihood-to-recommend survey score (0 to 10)";
    Reason => "reason", C, "contact reason or topic";
    Complexity => "complexity", C, "complexity level of the request (a number, 1 = simplest)";
    LoggedIn => "logged_in_s", A, "time logged in";
    Available => "available_s", A, "time available (ready, idle)";
    NotReady => "not_ready_s", A, "time not ready, all reasons";
    Scheduled => "scheduled_s", A, "time scheduled to work (the shift as planned, paid breaks included)";
    Contacts => "contacts", A, "contacts handled, all channels";
    ContactsPhone => "contacts_phone", A, "calls handled";
    ContactsEmail => "contacts_email", A, "e-mails handled";
    ContactsChat => "contacts_chat", A, "chats handled";
    ContactsMessenger => "contacts_messenger", A, "messenger conversations handled";
    ContactsWebForm => "contacts_web_form", A, "web-form requests handled";
}

impl Field {
    /// Inverse of [`Field::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    pub(crate) fn index(self) -> usize {
        // Discriminants follow declaration order, the order of ALL.
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Header synonyms, already normalised by [`normalize_label`] (lower case,
/// ё → е, punctuation → spaces, numbers → `n`). Earlier entries win when a
/// label matches several fields of one kind.
const SYNONYMS: &[(Field, u8, &[&str])] = {
    use Field::*;
    &[
        (
            DateTime,
            I | C | A,
            &[
                "дата и время",
                "дата время",
                "дата и время поступления",
                "время поступления",
                "дата время поступления",
                "дата и время звонка",
                "дата и время вызова",
                "время звонка",
                "время вызова",
                "начало интервала",
                "интервал начало",
                "начало периода",
                "дата начала",
                "время начала",
                "начало",
                "период",
                "дата и время начала",
                "datetime",
                "date time",
                "timestamp",
                "start time",
                "interval start",
                "interval start time",
                "start",
                "arrival time",
                "arrival",
                "call time",
                "call start",
                "call start time",
                "created",
                "created at",
                "date and time",
                "period",
                "period start",
                "дата і час",
                "дата час",
                "час надходження",
                "початок інтервалу",
                "початок",
                "період",
            ],
        ),
        (
            Date,
            I | C | A,
            &["дата", "день", "дата звонка", "дата вызова", "дата отчета", "date", "day", "call date", "report date"],
        ),
        (
            Time,
            I | C,
            &[
                "время",
                "интервал",
                "время интервала",
                "интервал времени",
                "time",
                "interval",
                "time interval",
                "час",
                "інтервал",
                "time of day",
                "время суток",
            ],
        ),
        (
            Queue,
            I | C | A,
            &[
                "очередь",
                "очередь вызова",
                "группа",
                "группа операторов",
                "линия",
                "скилл",
                "навык",
                "направление",
                "услуга",
                "сервис",
                "проект",
                "queue",
                "queue name",
                "skill",
                "skill group",
                "split",
                "service",
                "campaign",
                "черга",
                "група",
                "послуга",
            ],
        ),
        (
            Channel,
            I | C,
            &[
                "канал",
                "канал обращения",
                "канал связи",
                "тип обращения",
                "тип контакта",
                "тип",
                "channel",
                "media",
                "media type",
                "contact type",
                "канал звернення",
                "тип звернення",
            ],
        ),
        (
            Offered,
            I,
            &[
                "поступило",
                "поступило вызовов",
                "поступило звонков",
                "поступило обращений",
                "поступившие",
                "поступивших",
                "всего вызовов",
                "всего звонков",
                "всего обращений",
                "вызовов",
                "вызовы",
                "звонков",
                "входящие",
                "входящих",
                "обращений",
                "предложено",
                "offered",
                "calls offered",
                "contacts offered",
                "incoming",
                "inbound",
                "received",
                "total calls",
                "calls",
                "надійшло",
                "вхідні",
                "дзвінків",
                "звернень",
            ],
        ),
        (
            Answered,
            I,
            &[
                "принято",
                "принято вызовов",
                "принято звонков",
                "принятые",
                "принятых",
                "отвечено",
                "отвечено вызовов",
                "отвеченные",
                "отвеченных",
                "обслужено",
                "обработано",
                "answered",
                "handled",
                "calls handled",
                "calls answered",
                "contacts handled",
                "прийнято",
                "оброблено",
                "відповіли",
            ],
        ),
        (
            Abandoned,
            I,
            &[
                "потеряно",
                "потерянные",
                "потерянных",
                "пропущено",
                "пропущенные",
                "пропущенных",
                "брошено",
                "брошенные",
                "брошенных",
                "сброшено",
                "неотвеченные",
                "не отвечено",
                "abandoned",
                "abandons",
                "calls abandoned",
                "lost",
                "missed",
                "втрачено",
                "пропущені",
                "втрачені",
            ],
        ),
        (
            ShortAbandoned,
            I,
            &[
                "короткие потери",
                "короткие сбросы",
                "короткие пропущенные",
                "short abandons",
                "short abandoned",
                "short abandon",
                "короткі втрати",
            ],
        ),
        (
            AnsweredWithinT,
            I,
            &[
                "принято до n",
                "принято за n",
                "принято в течение n",
                "принято в пределах n",
                "принято n",
                "принято менее n",
                "отвечено до n",
                "отвечено за n",
                "отвечено в течение n",
                "отвечено n",
                "обслужено до n",
                "обслужено за n",
                "принято в sl",
                "принято в срок",
                "answered within n",
                "answered in n",
                "answered n",
                "answered before n",
                "answered within sl",
                "answered within threshold",
                "answered within t",
                "прийнято до n",
                "прийнято за n",
            ],
        ),
        (
            AbandonedWithinT,
            I,
            &[
                "потеряно до n",
                "потеряно за n",
                "потеряно в течение n",
                "потеряно n",
                "потеряно менее n",
                "пропущено до n",
                "пропущено за n",
                "брошено до n",
                "брошено за n",
                "abandoned within n",
                "abandoned in n",
                "abandoned n",
                "abandoned before n",
                "abandoned within sl",
                "abandoned within threshold",
                "abandoned within t",
                "втрачено до n",
                "втрачено за n",
            ],
        ),
        (
            TalkAvg,
            I,
            &[
                "среднее время разговора",
                "ср время разговора",
                "средняя длительность разговора",
                "ср длительность разговора",
                "средний разговор",
                "avg talk time",
                "average talk time",
                "avg talk",
                "att",
                "середній час розмови",
            ],
        ),
        (
            HoldAvg,
            I,
            &[
                "среднее время удержания",
                "ср время удержания",
                "среднее удержание",
                "avg hold time",
                "average hold time",
                "avg hold",
                "середній час утримання",
            ],
        ),
        (
            AcwAvg,
            I,
            &[
                "среднее время поствызывной обработки",
                "ср время поствызывной обработки",
                "среднее время постобработки",
                "ср время постобработки",
                "средняя постобработка",
                "ср постобработка",
                "avg acw",
                "average acw",
                "avg wrap up",
                "avg wrap up time",
                "average wrap up time",
                "avg after call work",
                "average after call work",
                "середній час постобробки",
            ],
        ),
        (
            Aht,
            I,
            &[
                "aht",
                "среднее время обработки",
                "ср время обработки",
                "среднее время обслуживания",
                "ср время обслуживания",
                "сво",
                "average handle time",
                "avg handle time",
                "average handling time",
                "avg handling time",
                "середній час обробки",
                "середній час обслуговування",
            ],
        ),
        (
            Asa,
            I,
            &[
                "asa",
                "среднее время ожидания",
                "ср время ожидания",
                "среднее время ответа",
                "ср время ответа",
                "среднее ожидание",
                "average speed of answer",
                "avg speed of answer",
                "avg wait time",
                "average wait time",
                "avg answer time",
                "average answer time",
                "середній час очікування",
            ],
        ),
        (
            AgentsStaffed,
            I,
            &[
                "операторов",
                "операторов в смене",
                "операторов на линии",
                "количество операторов",
                "кол во операторов",
                "число операторов",
                "агентов",
                "agents",
                "agents staffed",
                "staffed agents",
                "positions staffed",
                "avg agents",
                "average agents",
                "операторів",
                "кількість операторів",
            ],
        ),
        (
            ServiceLevel,
            I,
            &[
                "уровень сервиса",
                "уровень обслуживания",
                "sl",
                "service level",
                "рівень сервісу",
                "рівень обслуговування",
            ],
        ),
        (
            ContactId,
            C,
            &[
                "id",
                "id вызова",
                "id звонка",
                "id обращения",
                "ид вызова",
                "ид",
                "номер вызова",
                "номер обращения",
                "идентификатор",
                "идентификатор вызова",
                "call id",
                "contact id",
                "session id",
                "interaction id",
                "uid",
                "ід",
                "ід дзвінка",
            ],
        ),
        (
            QueueEntry,
            C,
            &[
                "вход в очередь",
                "время входа в очередь",
                "постановка в очередь",
                "время постановки в очередь",
                "queue entry",
                "queue entry time",
                "queue start",
                "queue start time",
                "enqueued",
                "enqueue time",
                "entered queue",
                "вхід у чергу",
            ],
        ),
        (
            QueueExit,
            C,
            &[
                "выход из очереди",
                "время выхода из очереди",
                "queue exit",
                "queue exit time",
                "queue end",
                "queue end time",
                "dequeued",
                "dequeue time",
                "left queue",
                "вихід з черги",
            ],
        ),
        (
            Outcome,
            C,
            &[
                "результат",
                "статус",
                "исход",
                "состояние",
                "статус вызова",
                "результат вызова",
                "статус звонка",
                "результат звонка",
                "итог вызова",
                "outcome",
                "result",
                "status",
                "disposition",
                "call result",
                "call status",
                "call outcome",
                "результат дзвінка",
                "статус дзвінка",
            ],
        ),
        (
            Wait,
            C,
            &[
                "ожидание",
                "время ожидания",
                "время в очереди",
                "ожидание в очереди",
                "длительность ожидания",
                "wait",
                "wait time",
                "waiting time",
                "queue time",
                "time in queue",
                "queue duration",
                "hold in queue",
                "очікування",
                "час очікування",
                "час у черзі",
            ],
        ),
        (
            Talk,
            C | A,
            &[
                "разговор",
                "время разговора",
                "длительность разговора",
                "talk",
                "talk time",
                "talk duration",
                "conversation",
                "розмова",
                "час розмови",
                "тривалість розмови",
                "общее время разговора",
            ],
        ),
        (
            Talk,
            I,
            &[
                "общее время разговора",
                "суммарное время разговора",
                "время разговора всего",
                "total talk time",
                "talk time total",
                "загальний час розмови",
            ],
        ),
        (
            Hold,
            C | A,
            &[
                "удержание",
                "время удержания",
                "на удержании",
                "hold",
                "hold time",
                "утримання",
                "час утримання",
                "общее время удержания",
            ],
        ),
        (
            Hold,
            I,
            &["общее время удержания", "суммарное время удержания", "total hold time", "загальний час утримання"],
        ),
        (
            Acw,
            C | A,
            &[
                "постобработка",
                "поствызывная обработка",
                "время постобработки",
                "время поствызывной обработки",
                "поствызов",
                "acw",
                "wrap up",
                "wrap up time",
                "wrapup",
                "after call work",
                "after contact work",
                "постобробка",
                "час постобробки",
                "общее время постобработки",
            ],
        ),
        (
            Acw,
            I,
            &[
                "общее время постобработки",
                "суммарное время постобработки",
                "total acw",
                "total wrap up time",
                "загальний час постобробки",
            ],
        ),
        (
            Agent,
            C | A,
            &[
                "оператор",
                "агент",
                "сотрудник",
                "фио",
                "фио оператора",
                "оператор фио",
                "логин оператора",
                "agent",
                "agent name",
                "operator",
                "employee",
                "user",
                "agent login",
                "працівник",
                "співробітник",
                "піб",
            ],
        ),
        (
            LoggedIn,
            A,
            &[
                "время в системе",
                "в системе",
                "время работы",
                "залогинен",
                "время на линии",
                "онлайн",
                "logged in",
                "login time",
                "logged in time",
                "time logged in",
                "staffed time",
                "час у системі",
                "у системі",
            ],
        ),
        (
            Available,
            A,
            &[
                "доступен",
                "время доступен",
                "свободен",
                "готов",
                "в ожидании вызова",
                "ожидание вызова",
                "available",
                "available time",
                "idle",
                "idle time",
                "ready",
                "ready time",
                "доступний",
                "вільний",
            ],
        ),
        (
            NotReady,
            A,
            &[
                "не готов",
                "не готов всего",
                "время не готов",
                "перерывы",
                "не готов итого",
                "not ready",
                "not ready time",
                "aux",
                "aux time",
                "не готовий",
            ],
        ),
        (
            Contacts,
            A,
            &[
                "обработано",
                "обработано обращений",
                "контактов",
                "всего контактов",
                "обращений",
                "handled",
                "contacts",
                "contacts handled",
                "оброблено",
                "звернень",
            ],
        ),
        (
            ContactsPhone,
            A,
            &["звонки", "звонков", "вызовы", "вызовов", "calls", "phone", "телефон", "дзвінки", "дзвінків"],
        ),
        (ContactsEmail, A, &["письма", "писем", "почта", "email", "e mail", "emails", "e mails", "листи", "листів"]),
        (ContactsChat, A, &["чаты", "чатов", "чат", "chats", "chat", "чати", "чатів"]),
        (
            ContactsMessenger,
            A,
            &["мессенджеры", "мессенджер", "сообщения", "messenger", "messengers", "messages", "месенджери"],
        ),
        (ContactsWebForm, A, &["веб формы", "формы", "заявки с сайта", "web forms", "web form", "forms", "веб форми"]),
        (
            Scheduled,
            A,
            &[
                "по графику",
                "время по графику",
                "запланировано",
                "плановое время",
                "время по расписанию",
                "смена по графику",
                "scheduled",
                "scheduled time",
                "schedule",
                "scheduled work time",
                "за графіком",
                "час за графіком",
            ],
        ),
        (
            Transferred,
            C,
            &[
                "переведен",
                "переведено",
                "перевод",
                "переадресация",
                "переадресован",
                "трансфер",
                "transferred",
                "transfer",
                "is transferred",
                "переведено на іншого",
                "переведений",
                "переадресація",
            ],
        ),
        (
            Resolved,
            C,
            &[
                "решен",
                "решено",
                "вопрос решен",
                "решено с первого обращения",
                "решено с первого раза",
                "fcr",
                "resolved",
                "first contact resolution",
                "first call resolution",
                "resolved on first contact",
                "вирішено",
                "питання вирішено",
            ],
        ),
        (
            Caller,
            C,
            &[
                "номер абонента",
                "абонент",
                "номер клиента",
                "телефон клиента",
                "телефон",
                "клиент",
                "id клиента",
                "ид клиента",
                "ani",
                "caller",
                "caller id",
                "calling number",
                "customer",
                "customer id",
                "client id",
                "phone number",
                "from",
                "номер телефону",
                "клієнт",
                "ід клієнта",
            ],
        ),
        (
            Csat,
            C,
            &[
                "csat",
                "оценка",
                "оценка клиента",
                "оценка обслуживания",
                "удовлетворенность",
                "satisfaction",
                "customer satisfaction",
                "survey score",
                "оцінка",
                "оцінка клієнта",
            ],
        ),
        (
            Nps,
            C,
            &[
                "nps",
                "nps n n",
                "готовность рекомендовать",
                "likelihood to recommend",
                "recommend",
                "готовність рекомендувати",
            ],
        ),
        (
            Reason,
            C,
            &[
                "причина обращения",
                "причина",
                "тема",
                "тема обращения",
                "тематика",
                "категория",
                "категория обращения",
                "reason",
                "contact reason",
                "call reason",
                "topic",
                "category",
                "wrap up code",
                "disposition code",
                "причина звернення",
                "тема звернення",
                "категорія",
            ],
        ),
        (
            Complexity,
            C,
            &["сложность", "уровень сложности", "complexity", "complexity level", "difficulty", "складність"],
        ),
    ]
};

/// Label prefixes of not-ready reason columns in agent reports
/// («Не готов: Обед», «Not ready - Lunch», «AUX Break»).
const NOT_READY_PREFIXES: &[&str] = &["не готов", "not ready", "aux", "не готовий", "нет на месте"];
/// Labels that are reasons on their own.
const REASON_LABELS: &[&str] = &[
    "перерыв",
    "обед",
    "обучение",
    "совещание",
    "тренинг",
    "технический перерыв",
    "личное время",
    "коучинг",
    "break",
    "lunch",
    "training",
    "meeting",
    "coaching",
    "personal",
    "перерва",
    "навчання",
];

/// Trailing unit words stripped from labels («Ожидание, сек», «AHT (с)»).
const UNIT_SUFFIXES: &[&str] = &[
    "чч мм сс",
    "hh mm ss",
    "мм сс",
    "mm ss",
    "секунд",
    "секунды",
    "сек",
    "с",
    "seconds",
    "secs",
    "sec",
    "s",
    "минут",
    "мин",
    "min",
    "шт",
    "pcs",
    "ч",
    "h",
];

/// Normalises a header label for matching: lower case, `ё` → `е`, anything
/// but letters and digits → space, runs of digits → `n`, spaces collapsed.
/// Also returns the first number found (the `20` of «Принято до 20 с»).
///
/// ```
/// use callcalc_engine::normalize_label;
/// assert_eq!(normalize_label("  Ср. время разговора (сек) ").0, "ср время разговора сек");
/// assert_eq!(normalize_label("Принято до 20 с"), ("принято до n с".to_string(), Some(20.0)));
/// assert_eq!(normalize_label("Поступило\u{a0}ВСЕГО").0, "поступило всего");
/// ```
pub fn normalize_label(label: &str) -> (String, Option<f64>) {
    let mut out = String::with_capacity(label.len());
    let mut number: Option<f64> = None;
    // 0: between tokens, 1: in a word, 2: in a number.
    let mut state = 0u8;
    let mut digits = String::new();
    for ch in label.chars() {
        let class = if ch.is_ascii_digit() {
            2
        } else if ch.is_alphanumeric() {
            1
        } else {
            0
        };
        if class != state && state == 2 {
            if number.is_none() {
                number = digits.parse::<f64>().ok();
            }
            digits.clear();
        }
        if class != 0 && class != state && !out.is_empty() {
            out.push(' ');
        }
        match class {
            2 => {
                if state != 2 {
                    out.push('n');
                }
                digits.push(ch);
            }
            1 => {
                for lc in ch.to_lowercase() {
                    out.push(if lc == 'ё' { 'е' } else { lc });
                }
            }
            _ => {}
        }
        state = class;
    }
    if state == 2 && number.is_none() {
        number = digits.parse::<f64>().ok();
    }
    (out, number)
}

/// The label without a trailing unit word, if it has one and something else.
fn strip_unit(label: &str) -> Option<&str> {
    for u in UNIT_SUFFIXES {
        if let Some(rest) = label.strip_suffix(u) {
            if let Some(rest) = rest.strip_suffix(' ') {
                if !rest.is_empty() {
                    return Some(rest);
                }
            }
        }
    }
    None
}

/// Forms of a label tried against the synonyms: as is, and without up to two
/// trailing units.
fn variants(label: &str) -> Vec<&str> {
    let mut v = vec![label];
    let mut cur = label;
    for _ in 0..2 {
        match strip_unit(cur) {
            Some(s) => {
                v.push(s);
                cur = s;
            }
            None => break,
        }
    }
    v
}

/// The field a normalised label denotes in a report of `kind`.
fn field_for(label: &str, kind: ReportKind, taken: &[Option<usize>; Field::COUNT]) -> Option<Field> {
    if label.is_empty() {
        return None;
    }
    for form in variants(label) {
        for (field, kinds, syns) in SYNONYMS {
            if kinds & kind.bit() != 0 && taken[field.index()].is_none() && syns.contains(&form) {
                return Some(*field);
            }
        }
    }
    // Vendor report labels (Cisco UCCE, Avaya CMS, Genesys Cloud): vendor/headers.rs.
    super::vendor::headers::field(label, kind, &|f| taken[f.index()].is_some())
}

/// The not-ready reason a label names, if it is a reason column.
fn reason_for(original: &str, label: &str) -> Option<String> {
    for form in variants(label) {
        if REASON_LABELS.contains(&form) {
            return Some(original.trim().to_string());
        }
        for p in NOT_READY_PREFIXES {
            if let Some(rest) = form.strip_prefix(p) {
                if let Some(rest) = rest.strip_prefix(' ') {
                    if !rest.is_empty() && rest != "всего" && rest != "итого" && rest != "total" {
                        // The reason as written: text after a ':' / '-' / prefix.
                        let o = original.trim();
                        let shown = o
                            .find([':', '-', '–', '—', '/'])
                            .map(|i| o[i..].trim_start_matches([':', '-', '–', '—', '/', ' ']).trim())
                            .filter(|s| !s.is_empty())
                            .unwrap_or(o);
                        return Some(shown.to_string());
                    }
                }
            }
        }
    }
    None
}

/// Column assignment: field → 0-based column index, for one report kind.
/// Detected from the header, shown in the UI, editable there, and passed back
/// to the importer.
///
/// ```
/// use callcalc_engine::{ColumnMap, Field, ReportKind};
/// let labels = ["Дата", "Интервал", "Поступило", "Принято", "Потеряно", "Принято до 20 с"];
/// let map = ColumnMap::detect(ReportKind::Interval, &labels);
/// assert_eq!(map.get(Field::Offered), Some(2));
/// assert_eq!(map.get(Field::AnsweredWithinT), Some(5));
/// assert_eq!(map.threshold_s, Some(20.0));
/// assert!(map.missing().is_empty());
/// let mut map = map;
/// map.set(Field::Answered, None);
/// assert_eq!(map.missing(), vec![&[Field::Answered][..]]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    pub kind: ReportKind,
    columns: [Option<usize>; Field::COUNT],
    /// Not-ready reason columns of an agent report: (reason as written, column).
    pub not_ready_reasons: Vec<(String, usize)>,
    /// The threshold `T` (seconds) of the report's own "answered within T"
    /// column, read from its header when it names one («Принято до 20 с»).
    pub threshold_s: Option<f64>,
}

impl ColumnMap {
    /// An empty mapping.
    pub fn new(kind: ReportKind) -> Self {
        ColumnMap { kind, columns: [None; Field::COUNT], not_ready_reasons: Vec::new(), threshold_s: None }
    }

    /// Maps header labels (one per column) by the built-in synonyms.
    pub fn detect<S: AsRef<str>>(kind: ReportKind, labels: &[S]) -> Self {
        let labels: Vec<HeaderLabel> = labels.iter().map(|l| HeaderLabel::single(l.as_ref())).collect();
        Self::detect_labels(kind, &labels)
    }

    fn detect_labels(kind: ReportKind, labels: &[HeaderLabel]) -> Self {
        let mut map = ColumnMap::new(kind);
        for (col, label) in labels.iter().enumerate() {
            let mut found = None;
            for (norm, number) in &label.forms {
                if let Some(field) = field_for(norm, kind, &map.columns) {
                    found = Some((field, *number));
                    break;
                }
            }
            match found {
                Some((field, number)) => {
                    map.columns[field.index()] = Some(col);
                    if matches!(field, Field::AnsweredWithinT | Field::AbandonedWithinT) && map.threshold_s.is_none() {
                        map.threshold_s = number;
                    }
                }
                None if kind == ReportKind::Agent => {
                    if let Some((norm, _)) = label.forms.first() {
                        if let Some(reason) = reason_for(&label.lower, norm) {
                            map.not_ready_reasons.push((reason, col));
                        }
                    }
                }
                None => {}
            }
        }
        map
    }

    /// The column of `field`.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns[field.index()]
    }

    /// Assigns (or with `None` clears) the column of `field`. A column holds
    /// at most one field: assigning a column takes it away from any other.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        if let Some(c) = column {
            for slot in self.columns.iter_mut() {
                if *slot == Some(c) {
                    *slot = None;
                }
            }
            self.not_ready_reasons.retain(|(_, rc)| *rc != c);
        }
        self.columns[field.index()] = column;
    }

    /// Mapped fields with their columns, in field order.
    pub fn entries(&self) -> impl Iterator<Item = (Field, usize)> + '_ {
        Field::ALL.into_iter().filter_map(move |f| self.get(f).map(|c| (f, c)))
    }

    /// Unmet requirements of the kind (each: "one of these fields").
    pub fn missing(&self) -> Vec<&'static [Field]> {
        self.kind.requirements().iter().copied().filter(|alts| alts.iter().all(|f| self.get(*f).is_none())).collect()
    }

    /// How many columns are mapped (fields and reasons).
    pub fn mapped(&self) -> usize {
        self.columns.iter().filter(|c| c.is_some()).count() + self.not_ready_reasons.len()
    }
}

/// A header label as matched: display text and normalised forms to try.
#[derive(Debug, Clone)]
struct HeaderLabel {
    shown: String,
    /// The most specific text: the lower cell of a two-row header.
    lower: String,
    forms: Vec<(String, Option<f64>)>,
}

impl HeaderLabel {
    fn single(text: &str) -> Self {
        HeaderLabel {
            shown: text.trim().to_string(),
            lower: text.trim().to_string(),
            forms: vec![normalize_label(text)],
        }
    }

    /// A two-row header cell: the lower label first, then "upper lower", then
    /// the upper label alone (merged cells spanning a column group).
    fn pair(upper: &str, lower: &str) -> Self {
        let (u, l) = (upper.trim(), lower.trim());
        match (u.is_empty(), l.is_empty()) {
            (_, true) => HeaderLabel::single(u),
            (true, false) => HeaderLabel::single(l),
            (false, false) => HeaderLabel {
                shown: format!("{u} / {l}"),
                lower: l.to_string(),
                forms: vec![
                    normalize_label(l),
                    normalize_label(&format!("{l} {u}")),
                    normalize_label(&format!("{u} {l}")),
                ],
            },
        }
    }
}

/// A stable key for a set of header labels, so the UI can remember a user's
/// mapping for files with the same header. FNV-1a 64 over the normalised
/// labels joined by U+001F; format `"<columns>-<16 hex digits>"`.
///
/// ```
/// use callcalc_engine::header_key;
/// let a = header_key(&["Дата", "Поступило"]);
/// assert_eq!(a, header_key(&[" дата ", "ПОСТУПИЛО"]));
/// assert_ne!(a, header_key(&["Дата", "Принято"]));
/// assert!(a.starts_with("2-"));
/// ```
pub fn header_key<S: AsRef<str>>(labels: &[S]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, l) in labels.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for b in normalize_label(l.as_ref()).0.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{}-{h:016x}", labels.len())
}

/// The detected structure of a file: delimiter, where the header is, what the
/// columns are called, and how they map. Show it, let the user change
/// [`Layout::map`], and pass it back in [`crate::ImportOptions::layout`].
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub delimiter: Delimiter,
    /// 1-based rows that form the header (one, or two for a merged header).
    pub header_rows: Vec<u64>,
    /// Column labels as shown (two-row headers joined as `"upper / lower"`).
    pub columns: Vec<String>,
    /// [`header_key`] of `columns`.
    pub key: String,
    pub map: ColumnMap,
    /// The user's value-level choices: outcome/channel/flag texts, sentinels
    /// ("empty" texts) and row filters (empty when detected).
    pub values: super::mapping::ValueMapping,
}

impl Layout {
    /// The last header row (data starts after it).
    pub fn last_header_row(&self) -> u64 {
        self.header_rows.last().copied().unwrap_or(0)
    }

    /// Label of column `i`, or `"column N"` (1-based) past the header.
    pub fn column_label(&self, i: usize) -> String {
        self.columns.get(i).filter(|s| !s.is_empty()).cloned().unwrap_or_else(|| format!("column {}", i + 1))
    }
}

/// A record kept while looking for the header.
#[derive(Debug, Clone)]
pub(crate) struct HeldRecord {
    pub row: u64,
    pub line: u64,
    pub cells: Vec<String>,
    /// Fields as read, for replaying the record once the header is known.
    pub raw: Vec<String>,
    pub unterminated_quote: bool,
    pub delimiter: Delimiter,
}

/// How many non-blank records to look at for the header.
pub(crate) const HEADER_SEARCH_RECORDS: usize = 15;

/// Why no usable header was found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NoHeader {
    pub kind: Option<ReportKind>,
    pub missing: Vec<&'static [Field]>,
    pub columns: Vec<String>,
}

/// Finds the header among the first records: every start row and height 1 or
/// 2, every allowed kind; the mapping meeting its kind's requirements with
/// the most mapped columns wins (one-row headers and earlier rows on ties).
pub(crate) fn detect_layout(
    held: &[HeldRecord],
    delimiter: Delimiter,
    kind: Option<ReportKind>,
) -> Result<Layout, NoHeader> {
    let candidates: Vec<&HeldRecord> =
        held.iter().filter(|r| r.cells.iter().any(|c| !c.is_empty())).take(HEADER_SEARCH_RECORDS).collect();
    let kinds: Vec<ReportKind> = match kind {
        Some(k) => vec![k],
        None => ReportKind::ALL.to_vec(),
    };
    // (valid, score, prefer one-row, prefer earlier) → best
    type Score = (bool, usize, bool, std::cmp::Reverse<usize>);
    let mut best: Option<(Score, Layout, Vec<&'static [Field]>)> = None;
    for (i, rec) in candidates.iter().enumerate() {
        let mut shapes: Vec<(Vec<u64>, Vec<HeaderLabel>)> =
            vec![(vec![rec.row], rec.cells.iter().map(|c| HeaderLabel::single(c)).collect())];
        if let Some(next) = candidates.get(i + 1) {
            if next.row == rec.row + 1 && is_text_row(&next.cells) {
                let n = rec.cells.len().max(next.cells.len());
                let mut upper = String::new();
                let labels = (0..n)
                    .map(|j| {
                        let u = rec.cells.get(j).map(String::as_str).unwrap_or("");
                        if !u.is_empty() {
                            upper = u.to_string();
                        }
                        let l = next.cells.get(j).map(String::as_str).unwrap_or("");
                        // Merged upper cells are written once, left-most: fill them right
                        // only over columns that have a lower label.
                        let u = if u.is_empty() && !l.is_empty() { upper.as_str() } else { u };
                        HeaderLabel::pair(u, l)
                    })
                    .collect();
                shapes.push((vec![rec.row, next.row], labels));
            }
        }
        for (rows, labels) in shapes {
            for &k in &kinds {
                let map = ColumnMap::detect_labels(k, &labels);
                let missing = map.missing();
                let score = (missing.is_empty(), map.mapped(), rows.len() == 1, std::cmp::Reverse(i));
                if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    let columns: Vec<String> = labels.iter().map(|l| l.shown.clone()).collect();
                    let key = header_key(&columns);
                    best = Some((
                        score,
                        Layout { delimiter, header_rows: rows.clone(), columns, key, map, values: Default::default() },
                        missing,
                    ));
                }
            }
        }
    }
    match best {
        Some(((true, _, _, _), layout, _)) => Ok(layout),
        Some((_, layout, missing)) if layout.map.mapped() > 0 => {
            Err(NoHeader { kind: Some(layout.map.kind), missing, columns: layout.columns })
        }
        _ => Err(NoHeader {
            kind,
            missing: Vec::new(),
            columns: candidates.first().map(|r| r.cells.clone()).unwrap_or_default(),
        }),
    }
}

/// A row of labels, not data: no cell reads as a number, a date or a time.
fn is_text_row(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty())
        && cells.iter().all(|c| {
            c.is_empty()
                || (crate::parse::parse_decimal("x", c.trim_end_matches('%')).is_err()
                    && super::datetime::parse_datetime_cell(c).is_err())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(rows: &[&[&str]]) -> Vec<HeldRecord> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| HeldRecord {
                row: i as u64 + 1,
                line: i as u64 + 1,
                cells: r.iter().map(|s| s.to_string()).collect(),
                raw: r.iter().map(|s| s.to_string()).collect(),
                unterminated_quote: false,
                delimiter: Delimiter::Semicolon,
            })
            .collect()
    }

    #[test]
    fn title_rows_are_skipped_and_kind_detected() {
        let h = held(&[
            &["Отчёт по вызовам за март", "", ""],
            &["", "", ""],
            &["ID вызова", "Дата и время поступления", "Результат", "Ожидание, сек", "Оператор"],
            &["1", "01.03.2024 08:00:01", "Отвечен", "12", "Иванова"],
        ]);
        let l = detect_layout(&h, Delimiter::Semicolon, None).unwrap();
        assert_eq!(l.header_rows, vec![3]);
        assert_eq!(l.map.kind, ReportKind::Cdr);
        assert_eq!(l.map.get(Field::Wait), Some(3));
        assert_eq!(l.map.get(Field::Agent), Some(4));
    }

    #[test]
    fn two_row_merged_header() {
        let h = held(&[
            &["Дата", "Интервал", "Вызовы", "", "", "Время, сек", ""],
            &["", "", "Поступило", "Принято", "Потеряно", "Среднее разговора", "ASA"],
            &["01.03.2024", "08:00", "10", "9", "1", "180", "12"],
        ]);
        let l = detect_layout(&h, Delimiter::Semicolon, None).unwrap();
        assert_eq!(l.header_rows, vec![1, 2]);
        assert_eq!(l.map.kind, ReportKind::Interval);
        assert_eq!(l.map.get(Field::Date), Some(0));
        assert_eq!(l.map.get(Field::Time), Some(1));
        assert_eq!(l.map.get(Field::Offered), Some(2));
        assert_eq!(l.map.get(Field::Asa), Some(6));
        assert_eq!(l.columns[3], "Вызовы / Принято");
    }

    #[test]
    fn agent_reasons() {
        let map = ColumnMap::detect(
            ReportKind::Agent,
            &["Оператор", "Время в системе", "Не готов: Обед", "Not ready - Training", "Перерыв", "Не готов"],
        );
        assert_eq!(map.get(Field::LoggedIn), Some(1));
        assert_eq!(map.get(Field::NotReady), Some(5));
        assert_eq!(
            map.not_ready_reasons,
            vec![("Обед".to_string(), 2), ("Training".to_string(), 3), ("Перерыв".to_string(), 4)]
        );
    }

    #[test]
    fn missing_requirements_are_reported() {
        let h = held(&[&["Дата", "Принято"], &["01.03.2024", "5"]]);
        let e = detect_layout(&h, Delimiter::Semicolon, Some(ReportKind::Interval)).unwrap_err();
        assert_eq!(e.missing, vec![&[Field::Offered][..]]);
    }
}
