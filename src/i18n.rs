//! The one i18n mechanism of the app: a typed message catalogue.
//!
//! Every user-visible string is a [`Msg`]; the `messages!` table gives its
//! Russian and English text side by side, so a message without a translation
//! does not compile. The current language lives in an [`I18n`] context; the
//! choice is remembered in localStorage (see `storage`).

use callcalc_engine::{Field, FieldError, Problem, ReportKind};
use leptos::prelude::*;

/// Interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Decimal separator used when showing numbers.
    pub fn decimal_sep(self) -> char {
        match self {
            Lang::Ru => ',',
            Lang::En => '.',
        }
    }
}

macro_rules! messages {
    ($($key:ident => $ru:expr, $en:expr;)*) => {
        /// A user-visible message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// Every message, for completeness tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Ru => match self { $(Msg::$key => $ru),* },
                    Lang::En => match self { $(Msg::$key => $en),* },
                }
            }
        }
    };
}

messages! {
    AppTitle => "callcalc — калькулятор контакт-центра", "callcalc — contact-centre calculator";
    Tagline => "Расчёты идут только в вашем браузере: данные никуда не отправляются.", "Everything is computed in your browser: no data leaves it.";
    Language => "Язык", "Language";
    NavStaffing => "Численность", "Staffing";
    StaffingTitle => "Расчёт численности операторов (Эрланг C)", "Agent staffing (Erlang C)";
    InputsHeading => "Исходные данные", "Inputs";
    ResultsHeading => "Результат", "Results";
    Calls => "Звонков за интервал", "Calls per interval";
    IntervalMin => "Длина интервала, мин", "Interval length, min";
    Aht => "AHT (среднее время обработки), с или мм:сс", "AHT (average handle time), s or mm:ss";
    TargetKind => "Цель", "Target";
    TargetSl => "Уровень сервиса X% за T с", "Service level X% within T s";
    TargetAsa => "ASA не больше T с", "ASA at most T s";
    SlPercent => "Уровень сервиса X, %", "Service level X, %";
    SlSeconds => "Порог T, с", "Threshold T, s";
    AsaSeconds => "Целевое ASA, с", "Target ASA, s";
    MaxOccupancy => "Макс. загрузка, % (необязательно)", "Max occupancy, % (optional)";
    Shrinkage => "Shrinkage (потери рабочего времени), %", "Shrinkage, %";
    AgentsOnHand => "Проверить: операторов на линии (необязательно)", "Check: agents on the phones (optional)";
    Traffic => "Нагрузка", "Traffic";
    AgentsNet => "Операторов нужно (нетто)", "Agents required (net)";
    AgentsRaw => "По целям SL/ASA до ограничения загрузки", "By SL/ASA targets, before the occupancy cap";
    GrossFte => "Штат с учётом shrinkage (FTE, округлено вверх)", "Gross FTE after shrinkage (rounded up)";
    GrossFteUnrounded => "FTE без округления", "FTE unrounded";
    ServiceLevel => "Уровень сервиса", "Service level";
    PWait => "Вероятность ожидания P(W>0)", "Probability of waiting P(W>0)";
    Asa => "ASA (среднее время ответа)", "ASA (average speed of answer)";
    Occupancy => "Загрузка операторов", "Occupancy";
    Erlangs => "Эрл", "Erl";
    Seconds => "с", "s";
    Agents => "Операторов", "Agents";
    HowComputed => "Как это посчитано", "How is this computed";
    Formula => "Формула", "Formula";
    Variant => "Вариант определения", "Definition variant";
    Source => "Источник", "Source";
    InputsSubstituted => "Подставленные значения", "Inputs substituted";
    Result => "Результат", "Result";
    TableHeading => "Операторы N−3 … N+5", "Agents N−3 … N+5";
    ChartHeading => "Уровень сервиса в зависимости от числа операторов", "Service level against agents";
    ChartTarget => "цель", "target";
    Unstable => "Очередь неустойчива", "Queue unstable";
    UnstableExplain => "Нагрузка не меньше числа операторов: очередь растёт без предела, ожидание не имеет конечного значения. Нужно больше операторов, чем", "Traffic is at least the number of agents: the queue grows without bound and waits have no finite value. You need more agents than";
    CheckHeading => "Что даст заданное число операторов", "What the given agents achieve";
    BindingSl => "Определяет цель по уровню сервиса", "Set by the service-level target";
    BindingAsa => "Определяет цель по ASA", "Set by the ASA target";
    BindingOcc => "Определяет ограничение загрузки", "Set by the occupancy cap";
    BindingStability => "Достаточно устойчивости очереди (N > A)", "Queue stability (N > A) is enough";
    BindingAbandon => "Определяет цель по доле брошенных", "Set by the abandonment target";
    BindingBlock => "Определяет цель по доле «занято»", "Set by the blocking target";
    BindingDeadline => "Определяет срок ответа (очередь писем разбирается к сроку)", "Set by the response deadline (the backlog is cleared in time)";
    TargetUnreachable => "Цель недостижима ни при каком числе операторов в этой модели (например, «занято» из-за нехватки линий).", "No number of agents meets the target under this model (e.g. blocking from too few lines).";
    StaffingModelLabel => "Модель", "Model";
    ModelChat => "Чат (несколько диалогов одновременно)", "Chat (several at once)";
    ModelDeferred => "Отложенная работа (e-mail, бэк-офис): поступившее за интервал — ответить к сроку", "Deferred work (e-mail, back office): this interval's arrivals answered by the deadline";
    ChatAht => "AHT при 1; 2; … чатах одновременно, с (через «;»)", "AHT when handling 1; 2; … chats, s (separated by ';')";
    DeadlineH => "Срок ответа, часов", "Response deadline, hours";
    ProductivePercent => "Продуктивное время оператора, %", "Productive share of agent time, %";
    PatienceOptional => "Среднее терпение, с (пусто = не уходят)", "Mean patience, s (empty = nobody leaves)";
    BindingNone => "Звонков нет — операторы не нужны", "No calls — no agents needed";
    NoticeCorrupt => "Сохранённые данные повреждены или устарели; загружены значения по умолчанию.", "Saved inputs were corrupt or from an older version; defaults are loaded.";
    Dismiss => "Закрыть", "Dismiss";
    FixInputs => "Исправьте отмеченные поля, чтобы увидеть результат.", "Fix the marked fields to see results.";
    ProbNotFinite => "должно быть конечным числом", "must be a finite number";
    ProbNotPositive => "должно быть больше 0", "must be greater than 0";
    ProbNegative => "не может быть отрицательным", "must not be negative";
    ProbRange => "должно быть в диапазоне", "must be in the range";
    ProbNotInteger => "должно быть целым числом", "must be a whole number";
    ProbUnreadableNumber => "ожидается число (например 12,5)", "expected a number (e.g. 12.5)";
    ProbUnreadableDuration => "ожидается длительность: секунды, мм:сс или чч:мм:сс", "expected a duration: seconds, mm:ss or hh:mm:ss";
    ProbUnreadablePercent => "ожидается процент (например 80 или 80 %)", "expected a percentage (e.g. 80 or 80%)";
    ProbTooLarge => "слишком большое значение, максимум", "too large, at most";
    NavCompare => "Сравнение моделей", "Model comparison";
    NavCapacity => "Мощность: что дадут N операторов", "Capacity: what N agents give";
    CompareTitle => "Сравнение моделей очереди: Эрланг B, C, A, X", "Queue models side by side: Erlang B, C, A, X";
    CapacityTitle => "Обратный расчёт: операторы и линии → показатели", "Reverse calculation: agents and lines → KPIs";
    Patience => "Среднее терпение клиента, с или мм:сс", "Mean caller patience, s or mm:ss";
    Lines => "Линий (пусто = без ограничения)", "Lines (empty = unlimited)";
    RedialPercent => "Перезванивают из потерянных, %", "Lost callers who redial, %";
    AgentsGiven => "Операторов на линии N", "Agents on the phones N";
    Model => "Модель", "Model";
    ModelB => "Эрланг B", "Erlang B";
    ModelC => "Эрланг C", "Erlang C";
    ModelA => "Эрланг A", "Erlang A";
    ModelX => "Эрланг X", "Erlang X";
    NoteB => "Очереди нет: вызов принят сразу или потерян. Для расчёта линий и систем без ожидания.", "No queue: a call is answered at once or lost. For trunks and systems without waiting.";
    NoteC => "Очередь без потерь: никто не бросает трубку. Завышает потребность там, где клиенты уходят.", "Queue, nobody hangs up. Overstates needs where callers abandon.";
    NoteA => "Очередь с уходом клиентов (терпение). Ближе к реальности, когда брошенных вызовов заметно много.", "Queue with abandonment (patience). Closer to reality when abandons are noticeable.";
    NoteX => "Эрланг A плюс ограничение линий и повторные звонки. Для центра с ограниченной телефонией.", "Erlang A plus limited lines and redials. For a centre with limited telephony.";
    RequiredForTarget => "Нужно операторов для цели по SL", "Agents required for the SL target";
    AtAgents => "При заданном N", "At the given N";
    PAbandon => "Доля брошенных", "Abandoned";
    PBlock => "Доля получивших «занято»", "Blocked (busy signal)";
    NotApplicable => "—", "n/a";
    Unreachable => "недостижимо", "unreachable";
    SlOverOffered => "SL: отвечено за T / поступило", "SL: answered within T / offered";
    Surplus => "Запас (+) или нехватка (−) операторов", "Surplus (+) or deficit (−) of agents";
    MeetsTarget => "Цель по уровню сервиса выполнена", "The service-level target is met";
    MissesTarget => "Цель по уровню сервиса не выполнена", "The service-level target is missed";
    TotalLoad => "Нагрузка с повторными звонками", "Offered load incl. redials";
    SimRun => "Проверить симуляцией", "Check by simulation";
    SimHeading => "Симуляция реальной динамики (повторы через случайную задержку)", "Simulation of the true dynamics (redials after a random delay)";
    SimFormula => "Формула", "Formula";
    SimEstimate => "Симуляция (95% интервал)", "Simulation (95% interval)";
    SimAgree => "в пределах интервала", "within the interval";
    SimDisagree => "формула вне интервала симуляции", "formula outside the simulation's interval";
    SimWarning => "Формула расходится с симуляцией: приближение неподходящее для этих данных; опирайтесь на симуляцию.", "The formula disagrees with the simulation: its approximation does not fit these inputs; rely on the simulation.";
    SimNote => "Повторные звонки в формуле — мгновенная фиксированная точка; в симуляции — настоящие повторы через в среднем 5 минут.", "The formula treats redials as an instantaneous fixed point; the simulation redials after 5 minutes on average.";
    // Import page.
    NavImport => "Импорт статистики", "Import statistics";
    ImportTitle => "Импорт статистики АТС/CRM", "Import ACD/CRM statistics";
    ImportPrivacy => "Файл читается только в браузере и никуда не отправляется.", "The file is read in your browser only and sent nowhere.";
    ImportFile => "Файл (CSV/TXT: отчёт по интервалам, детализация звонков или отчёт по операторам)", "File (CSV/TXT: interval report, call-detail records or agent report)";
    ImportDemoCdr => "Демо: детализация звонков за месяц", "Demo: a month of call records";
    ImportDemoIntervals => "Демо: отчёт по интервалам за год", "Demo: a year of interval reports";
    ImportInterval => "Интервал, мин", "Interval, min";
    ImportReading => "Читаю файл…", "Reading the file…";
    ImportFailed => "Файл не удалось импортировать", "The file could not be imported";
    ImportSummaryHeading => "Итог импорта", "Import summary";
    ImportEncoding => "Кодировка", "Encoding";
    ImportDelimiter => "Разделитель", "Delimiter";
    ImportKind => "Тип отчёта", "Report kind";
    ImportRowsRead => "Строк прочитано", "Rows read";
    ImportKept => "Принято", "Kept";
    ImportRejected => "Отклонено", "Rejected";
    ImportSkipped => "Пропущено (заголовки, итоги, пустые)", "Skipped (titles, totals, empty)";
    ImportMapping => "Сопоставление столбцов (можно изменить)", "Column mapping (you can change it)";
    ImportField => "Поле", "Field";
    ImportColumn => "Столбец", "Column";
    ImportNotMapped => "— не использовать —", "— not used —";
    ImportRejectedHeading => "Отклонённые строки", "Rejected rows";
    ImportRow => "Строка", "Row";
    ImportFileCol => "Файл", "File";
    ImportValue => "Значение", "Value";
    ImportExpected => "Ожидалось", "Expected";
    ImportDownloadRejected => "Скачать отклонённые строки (CSV)", "Download rejected rows (CSV)";
    ImportIntervals => "Интервалы", "Intervals";
    ImportStart => "Начало", "Start";
    ImportQueue => "Очередь / канал", "Queue / channel";
    ImportOffered => "Поступило", "Offered";
    ImportAnswered => "Отвечено", "Answered";
    ImportAbandoned => "Потеряно", "Abandoned";
    ImportSlNegative => "SL (потерянные в знаменателе)", "SL (abandons negative)";
    ImportSlIgnored => "SL (потерянные до T исключены)", "SL (abandons ignored)";
    ImportPatience => "Терпение, с", "Patience, s";
    ImportTotal => "Всего", "Total";
    ImportUse => "В расчёт численности", "To staffing";
    ImportShown => "Показаны первые строки из", "Showing the first rows of";
    // Import page: failures in the user's language, the mapping editor, the panic banner.
    ImpErrEmpty => "в файле нет данных", "the file has no data";
    ImpErrNoHeader => "строка заголовка известного отчёта не найдена — сопоставьте столбцы вручную ниже", "no header row of a known report was found — map the columns by hand below";
    ImpErrClosest => "ближе всего", "closest match";
    ImpErrMissing => "не хватает", "missing";
    ImpErrOr => "или", "or";
    ImpErrColumns => "столбцы файла", "the file's columns";
    ImpErrWorkbook => "книгу XLSX/ODS не удалось прочитать", "the XLSX/ODS workbook could not be read";
    ImpErrNoSheet => "в книге нет листа", "the workbook has no sheet";
    ImpErrDetail => "техническая подробность", "technical detail";
    ImpErrSettings => "неверная настройка импорта", "invalid import setting";
    ImpKindCdr => "детализация звонков (строка на звонок)", "call-detail records (a row per call)";
    ImpKindInterval => "отчёт по интервалам", "interval report";
    ImpKindAgent => "отчёт по операторам", "agent report";
    ImpEditorTitle => "Сопоставление столбцов вручную", "Map the columns by hand";
    ImpEditorHint => "Выберите тип отчёта и строку заголовка, затем для каждого нужного поля — его столбец. Любое поле можно назначить любому столбцу.", "Choose the kind of report and the header row, then the column of each field you need. Any field can be assigned to any column.";
    ImpHeaderRow => "Строка заголовка", "Header row";
    ImpRowNo => "строка", "row";
    ImpAddField => "Добавить поле", "Add a field";
    ImpAddFieldNone => "— выберите поле —", "— choose a field —";
    ImpStillMissing => "Ещё нужно сопоставить", "Still to map";
    ImpMappingComplete => "Все обязательные поля сопоставлены.", "Every required field is mapped.";
    ImpApplyMapping => "Импортировать с этим сопоставлением", "Import with this mapping";
    ImpFieldsOfKind => "Поля отчёта", "Fields of the report";
    ImpValAsRead => "как прочитано (по умолчанию)", "as read (default)";
    ImpValAnswered => "отвечен", "answered";
    ImpValAbandoned => "потерян (брошен в очереди)", "abandoned";
    ImpValShortAbandon => "короткая потеря", "short abandon";
    ImpValBlocked => "занято (заблокирован)", "blocked";
    ImpValIgnore => "не звонок (не учитывать строку)", "not a call (ignore the row)";
    ImpValPhone => "телефон", "phone";
    ImpValEmail => "электронная почта", "e-mail";
    ImpValChat => "чат", "chat";
    ImpValMessenger => "мессенджер", "messenger";
    ImpValWebForm => "заявка с сайта", "web form";
    ImpValYes => "да", "yes";
    ImpValNo => "нет", "no";
    ImpValEmpty => "пусто (нет значения)", "empty (no value)";
    ImpValNotUnderstood => "не распознано", "not understood";
    ImpValuesTitle => "Значения столбцов (что означает каждый код)", "Column values (what each code means)";
    ImpValuesHint => "Для каждого встреченного значения — сколько строк и как оно прочитано; выберите другое значение, и файл будет импортирован заново.", "For each value found: how many rows and how it is read; choose another meaning and the file is imported again.";
    ImpValuesValue => "Значение в файле", "Value in the file";
    ImpValuesCount => "Строк", "Rows";
    ImpValuesReading => "Прочитано как", "Read as";
    ImpValuesChoice => "Считать", "Treat as";
    ImpValuesTruncated => "Показаны первые 100 разных значений.", "The first 100 distinct values are shown.";
    ImpSentinelsTitle => "Тексты, означающие «пусто»", "Texts that mean “empty”";
    ImpSentinelsHint => "Например «0:00:00» во времени входа в очередь у звонков, не попавших в очередь, или «-», «н/д».", "E.g. “0:00:00” as the queue entry time of calls that never queued, or “-”, “n/a”.";
    ImpFiltersTitle => "Исключить строки по значению", "Leave rows out by value";
    ImpFiltersHint => "Строки с выбранным значением столбца не импортируются и считаются отдельно («исключено фильтром»).", "Rows with the chosen value of a column are not imported and are counted apart (“left out by filter”).";
    ImpColumnOf => "Столбец", "Column";
    ImpText => "Текст", "Text";
    ImpAdd => "Добавить", "Add";
    ImpRemove => "Убрать", "Remove";
    ImpNotQueued => "Не попали в очередь", "Not queued";
    ImpNotQueuedExplain => "звонившие, которые ушли ещё в голосовом меню: нет времени входа в очередь и нет ответа. Это не потерянные звонки, в поступившие они не входят.", "callers who left in the IVR: no queue entry time and no answer. They are not abandons and are not counted as offered.";
    ImpExcluded => "Исключено фильтром", "Left out by filter";
    ImpIgnored => "Не учтено по значению («не звонок»)", "Ignored by value (“not a call”)";
    ImpWarnings => "Проверьте данные", "Check the data";
    ImpWarnAll => "Все", "All";
    ImpWarnOneInterval => "звонков попали в один интервал, начиная с", "kept contacts fall in one interval, starting";
    ImpWarnMidnight => "звонков — ровно в 00:00:00: в столбце даты нет времени.", "kept contacts are at 00:00:00: the date column has no time.";
    ImpWarnMapTime => "Сопоставьте столбец времени (поступление, вход в очередь или выход из неё).", "Map a time column (arrival, queue entry or queue exit).";
    ImpWarnSameTime => "звонков в одно и то же время суток", "kept contacts are at the same time of day";
    ImpWarnCheckTime => "Проверьте столбец времени.", "Check the time column.";
    ImpWarnFilterUnmapped => "Фильтр ничего не исключил", "The filter left nothing out";
    ImpWarnFilterUnmappedWhy => "этому полю не сопоставлен ни один столбец", "no column is mapped to this field";
    ImpWarnNotQueuedUntimed => "звонков, не попавших в очередь, без времени поступления: они учтены в итоге, но ни в одном интервале.", "contacts that never reached the queue have no arrival time: counted in the summary but in no interval.";
    ImpMappingSave => "Сохранить сопоставление в файл (JSON)", "Save the mapping to a file (JSON)";
    ImpMappingLoad => "Загрузить сопоставление из файла", "Load a mapping from a file";
    ImpMappingLoaded => "Сопоставление загружено из файла", "Mapping loaded from the file";
    ImpMapErrInvalid => "файл сопоставления не читается", "the mapping file cannot be read";
    ImpMapErrLine => "строка", "line";
    ImpMapErrCol => "позиция", "column";
    ImpMapErrVersion => "версия файла сопоставления не поддерживается", "this mapping-file version is not supported";
    ImpMapErrKind => "неизвестный тип отчёта", "unknown kind of report";
    ImpMapErrField => "неизвестное поле", "unknown field";
    ImpMapErrNotOfKind => "поле не бывает в отчёте этого типа", "the field does not belong to this kind of report";
    ImpMapErrNoColumn => "в файле нет столбца", "the file has no column";
    ImpMapErrDuplicate => "столбец сопоставлен двум полям", "the column is mapped to two fields";
    ImpMapErrNoHeaderRow => "ни одна из первых строк не содержит столбцов", "none of the first rows holds the columns";
    ImpMapErrKindNeeded => "заголовок не распознан, а тип отчёта в сопоставлении не указан", "the header was not recognised and the mapping does not give the kind";
    ImpMapErrIncomplete => "в сопоставлении не хватает", "the mapping lacks";
    ImpErrXls => "это книга Excel 97–2003 (.xls): такой формат не читается. Откройте её в Excel или LibreOffice и сохраните как .xlsx или CSV", "this is an Excel 97–2003 workbook (.xls), which is not read. Open it in Excel or LibreOffice and save it as .xlsx or CSV";
    ImpErrXlsb => "это двоичная книга Excel (.xlsb): такой формат не читается. Сохраните её как .xlsx или CSV", "this is an Excel binary workbook (.xlsb), which is not read. Save it as .xlsx or CSV";
    ImpErrEncrypted => "книга защищена паролем (зашифрована) и не может быть прочитана. Снимите пароль и сохраните книгу как .xlsx или CSV", "the workbook is password-protected (encrypted) and cannot be read. Remove the password and save it as .xlsx or CSV";
    ImpErrOle2 => "это документ старого формата Microsoft Office (не книга .xlsx и не текст). Сохраните данные как .xlsx или CSV", "this is an old Microsoft Office document (neither an .xlsx workbook nor text). Save the data as .xlsx or CSV";
    ImpFormat => "Распознан формат", "Recognised format";
    ImpUtcOffset => "Часовой пояс времени в файле: смещение от UTC, минут (Москва: 180)", "Time zone of the file's times: offset from UTC, minutes (Moscow: 180)";
    ImpUtcOffsetHint => "В этом формате время записано в секундах от 1970 года по UTC; по умолчанию — часовой пояс вашего браузера.", "This format writes times as seconds since 1970 in UTC; the default is your browser's time zone.";
    ImpNoteNoAcw => "в источнике нет поствызывной обработки: AHT — только разговор (занижен для расчёта численности)", "the source has no after-call work: AHT is talk time only (an underestimate for staffing)";
    ImpNoteNoHold => "в источнике нет времени удержания отдельно от разговора", "the source has no hold time apart from talk";
    ImpNoteNoWait => "в источнике нет ожидания в очереди: ASA, уровень сервиса и потери в очереди не вычисляются (добавьте queue_log за тот же период)", "the source has no queue wait: ASA, service level and queue abandonment cannot be computed (add the queue_log of the same period)";
    ImpNoteIvr => "«отвечен» в CDR часто означает ответ голосового меню, а не оператора", "CDR “answered” often means answered by the IVR, not an agent";
    ImpNoteAhtTotal => "время обработки есть только суммой (разговор + удержание + постобработка)", "handle time only as a total (talk + hold + wrap-up)";
    ImpNoteNoAbandons => "в источнике нет потерянных обращений", "the source has no abandoned contacts";
    PanicTitle => "Внутренняя ошибка программы: страница остановлена", "Internal program error: the page has stopped";
    PanicExplain => "Это ошибка callcalc, а не ваших данных. Работа на этой странице продолжиться не может — перезагрузите её. Импортированные данные, сохранённые в браузере, останутся.", "This is a callcalc bug, not a problem with your data. The page cannot continue; reload it. Imported data kept in this browser stays.";
    PanicWhat => "Что случилось", "What happened";
    PanicReload => "Перезагрузить страницу", "Reload the page";
    // Practice page.
    PracticeOpenCalculator => "Открыть в калькуляторе", "Open in the calculator";
    NavPractice => "Тренировка", "Practice";
    PracticeTitle => "Тренировка к аттестации руководителя", "Practice for the director assessment";
    PracticeSeed => "Номер варианта (seed)", "Paper number (seed)";
    PracticeCount => "Заданий", "Exercises";
    PracticeDifficulty => "Сложность", "Difficulty";
    DifficultyBasic => "Базовая", "Basic";
    DifficultyIntermediate => "Средняя", "Intermediate";
    DifficultyAdvanced => "Продвинутая", "Advanced";
    PracticeTopics => "Темы", "Topics";
    PracticeMinutes => "Время на экзамен, мин", "Exam time, min";
    PracticeGenerate => "Составить вариант", "Make the paper";
    PracticeNewPaper => "Новый вариант", "New paper";
    PracticeStartExam => "Начать экзамен", "Start the exam";
    PracticeSubmitAll => "Сдать все ответы", "Submit all answers";
    PracticePrint => "Печать: билет и ключ", "Print: sheet and key";
    PracticeExercise => "Задание", "Exercise";
    PracticeAnswer => "Ответ", "Answer";
    PracticeCheck => "Проверить", "Check";
    VerdictCorrect => "Верно", "Correct";
    VerdictWrong => "Неверно; верный ответ:", "Wrong; the correct answer is";
    VerdictUnreadable => "Ответ не прочитан:", "Answer not readable:";
    PracticeSolution => "Решение по шагам", "Worked solution";
    PracticeScore => "Результат по темам", "Score by topic";
    PracticeTotal => "Всего", "Total";
    ScoreCorrect => "верно", "correct";
    ScoreWrong => "неверно", "wrong";
    ScoreUnreadable => "не прочитано", "unreadable";
    ScoreUnanswered => "без ответа", "unanswered";
    ExamTimeLeft => "Осталось времени", "Time left";
    ExamOver => "Экзамен завершён, ответы сданы.", "The exam is over; answers are submitted.";
    AnswerKey => "Ключ ответов", "Answer key";
    PracticeHistory => "История результатов", "Results history";
    HistoryEmpty => "Пока нет сданных вариантов.", "No submitted papers yet.";
    HistoryExam => "экзамен", "exam";
    HistoryPractice => "тренировка", "practice";
    MinutesShort => "мин", "min";
    PracticeNoPaper => "Выберите темы и нажмите «Составить вариант».", "Choose topics and press “Make the paper”.";
    KpiTitle => "Показатели контакт-центра (KPI)", "Contact-centre KPIs";
    KpiIntro => "Каждый показатель посчитан из данных; нажмите на ячейку, чтобы увидеть формулу, вариант, источник и исходные строки.", "Every KPI is computed from the data; click a cell to see its formula, variant, source and the rows it came from.";
    KpiSettings => "Настройки", "Settings";
    KpiGrouping => "Группировка", "Grouping";
    KpiGroupInterval => "по интервалам", "by interval";
    KpiGroupDay => "по дням", "by day";
    KpiGroupWeek => "по неделям", "by week";
    KpiGroupMonth => "по месяцам", "by month";
    KpiSlVariant => "Уровень сервиса: вариант", "Service level: variant";
    KpiAsaVariant => "ASA: вариант", "ASA: variant";
    KpiAbandonVariant => "Доля потерянных: вариант", "Abandonment: variant";
    KpiAhtVariant => "AHT: вариант", "AHT: variant";
    KpiOccVariant => "Загрузка: вариант", "Occupancy: variant";
    KpiCostScope => "Затраты: что учитывать", "Cost: what is counted";
    KpiCostBasis => "Затраты: на что делить", "Cost: divided by";
    KpiLabourPerHour => "Оплата труда за час оператора", "Labour cost per agent hour";
    KpiOtherPerHour => "Прочие затраты за час оператора (связь, ПО, помещение, накладные)", "Other cost per agent hour (telephony, software, facilities, overhead)";
    KpiPeakShare => "Пиковые интервалы, % самых загруженных", "Peak intervals, % busiest";
    KpiThreshold => "Порог уровня сервиса T (как в данных), с", "Service-level threshold T (as in the data), s";
    VarSlNegative => "Cisco: потерянные против SL — Aₜ / O", "Cisco Aban-Negative — Aₜ / O";
    VarSlIgnored => "Cisco: потерянные исключены — Aₜ / (O − Bₜ)", "Cisco Aban-Ignored — Aₜ / (O − Bₜ)";
    VarSlPositive => "Cisco: потерянные до T в зачёт — (Aₜ + Bₜ) / O", "Cisco Aban-Positive — (Aₜ + Bₜ) / O";
    VarSlNegativeShort => "потерянные против SL, короткие исключены", "Aban-Negative, short abandons excluded";
    VarSlPositiveShort => "потерянные до T в зачёт, короткие исключены", "Aban-Positive, short abandons excluded";
    VarAsaAnswered => "только отвеченные", "answered contacts only";
    VarAsaAll => "все (отвеченные и потерянные)", "all contacts (answered and abandoned)";
    VarAbOffered => "потерянные / поступившие", "abandoned / offered";
    VarAbQueued => "потерянные / попавшие в очередь", "abandoned / queued";
    VarAbShortOffered => "без коротких, от поступивших", "short abandons excluded, over offered";
    VarAbShortHandled => "без коротких, от отвеченных + потерянных", "short abandons excluded, over answered + abandoned";
    VarAhtFull => "разговор + удержание + постобработка", "talk + hold + after-call work";
    VarAhtTalkHold => "без постобработки (ошибка)", "ACW left out (a mistake)";
    VarAhtTalk => "только разговор (ошибка)", "talk only (a mistake)";
    VarOccMeasured => "занятость / (занятость + доступен)", "handle / (handle + available)";
    VarOccUtil => "занятость / время в системе (utilization)", "handle / logged-in (utilisation)";
    VarCostFull => "полные затраты", "fully loaded";
    VarCostLabour => "только оплата труда", "labour only";
    VarCostHandled => "обработанные обращения", "handled contacts";
    VarCostOffered => "поступившие обращения", "offered contacts";
    VarCostMinute => "минуты обработки", "handled minutes";
    VarCostHour => "часы операторов", "agent hours";
    KpiColPeriod => "Период", "Period";
    KpiColOffered => "Поступило", "Offered";
    KpiColAnswered => "Отвечено", "Answered";
    KpiColAbandoned => "Потеряно", "Abandoned";
    KpiColSl => "Уровень сервиса", "Service level";
    KpiColAsa => "ASA, ср. ответ", "ASA";
    KpiColAbandonment => "Доля потерянных", "Abandonment";
    KpiColAht => "AHT, ср. обработка", "AHT";
    KpiColTalk => "Ср. разговор", "Avg talk";
    KpiColHold => "Ср. удержание", "Avg hold";
    KpiColAcw => "Ср. постобработка", "Avg ACW";
    KpiColOccupancy => "Загрузка", "Occupancy";
    KpiColShrinkage => "Shrinkage (факт)", "Shrinkage (actual)";
    KpiColPerHour => "Обращений в час", "Contacts per agent hour";
    KpiColCost => "Затраты на обращение", "Cost per contact";
    KpiTotal => "Итого", "Total";
    KpiRowsCut => "Показаны первые строки; в выгрузке — все.", "Only the first rows are shown; the export has them all.";
    KpiNoData => "Нет интервальных данных: импортируйте интервальный отчёт или CDR.", "No interval data: import an interval report or call records.";
    KpiTraceTitle => "Как посчитано", "How it was computed";
    KpiTraceRows => "Исходные строки", "Source rows";
    KpiTraceIntervals => "интервалов", "intervals";
    KpiTraceAgentRows => "строк отчёта по операторам", "agent-report rows";
    KpiTraceOthers => "Другие варианты на тех же данных", "Other variants on the same data";
    KpiTraceClose => "Закрыть", "Close";
    KpiTraceNone => "Значение не определено", "The value is undefined";
    KpiMissing => "нет данных", "no data";
    KpiMissingAgent => "в этом периоде нет отчёта по операторам", "no agent report in this period";
    KpiMissingCost => "не заданы затраты или нет часов операторов", "no cost entered or no agent hours";
    KpiMissingWaits => "в данных нет нужных времён ожидания", "the data lack the waits needed";
    KpiMissingOther => "в данных нет нужных полей или знаменатель равен нулю", "the data lack the fields needed or the denominator is zero";
    KpiReported => "Проверка отчётных цифр", "Check reported figures";
    KpiReportedHelp => "Введите показатель из отчёта (например, SL 92 %, AHT 3:10, затраты 41) — он будет пересчитан по данным за весь период.", "Enter a reported figure (e.g. SL 92 %, AHT 3:10, cost 41): it is recomputed from the data over the whole period.";
    KpiReportedKpi => "Показатель", "KPI";
    KpiReportedValue => "Значение из отчёта", "Reported value";
    KpiRecomputed => "Пересчитано (выбранный вариант)", "Recomputed (chosen variant)";
    KpiDifference => "Разница", "Difference";
    KpiMatches => "Совпадает с выбранным вариантом", "Matches the chosen variant";
    KpiExplainedBy => "Цифру объясняет вариант", "The figure is explained by";
    KpiMistake => "ошибка расчёта", "a calculation mistake";
    KpiUnexplained => "Ни один вариант не даёт эту цифру; ближайший", "No variant reproduces this figure; the closest is";
    KpiPeaks => "Пики против остального времени", "Peaks against the rest";
    KpiPeak => "Пиковые интервалы", "Peak intervals";
    KpiRest => "Остальные", "The rest";
    KpiPeakThreshold => "Пик: интервалы с поступлением от", "Peak: intervals with offered from";
    KpiCharts => "Динамика", "Over time";
    KpiExport => "Выгрузка", "Export";
    KpiExportXlsx => "Файл Excel (XLSX)", "Excel (XLSX)";
    KpiExportCsvRu => "CSV для русского Excel (; и запятая)", "CSV for RU Excel (; and decimal comma)";
    KpiExportCsv => "CSV (, и точка)", "CSV (, and decimal point)";
    KpiExportJson => "Файл JSON", "JSON";
    KpiExportVariants => "Выбранные варианты печатаются в заголовках и на листе Formulas.", "The chosen variants are printed in the headers and on the Formulas sheet.";
    KpiPrint => "Печать / PDF", "Print / PDF";
    KpiChannel => "Канал", "Channel";
    KpiChannelAll => "все каналы", "all channels";
    KpiChanPhone => "телефон", "phone";
    KpiChanEmail => "эл. почта", "e-mail";
    KpiChanChat => "чат", "chat";
    KpiChanMessenger => "мессенджер", "messenger";
    KpiChanWebForm => "веб-форма", "web form";
    KpiChannels => "Обращения по каналам", "Contacts by channel";
    KpiShare => "Доля", "Share";
    BudgetWorkload => "Нагрузка из набора данных", "Workload from the data set";
    BudgetNoData => "В наборе данных нет интервалов с обращениями и временем обработки.", "The data set has no intervals with contacts and handle times.";
    BudgetMonthsOfData => "мес. данных; AHT", "months of data; AHT";
    BudgetSecHorizon => "Горизонт и сервис", "Horizon and service";
    BudgetSecStaff => "Операторы", "Agents";
    BudgetSecPay => "Оплата труда", "Pay";
    BudgetSecRoles => "Поддерживающий персонал", "Support roles";
    BudgetSecSeats => "Рабочие места и оборудование", "Seats and equipment";
    BudgetSecOther => "Связь и прочие расходы", "Telephony and other costs";
    BudgetCurrency => "Валюта", "Currency";
    BudgetMonths => "Горизонт, мес. (12–36)", "Horizon, months (12–36)";
    BudgetAht => "AHT, с (пусто = из данных)", "AHT, s (empty = from the data)";
    BudgetIvr => "Самообслуживание / IVR, %", "IVR / self-service deflection, %";
    BudgetSlPercent => "Цель SL, %", "SL target, %";
    BudgetSlSeconds => "Порог SL, с", "SL threshold, s";
    BudgetShrinkage => "Потери времени (shrinkage), %", "Shrinkage, %";
    BudgetPaidHours => "Оплачиваемых часов на FTE в месяц", "Paid hours per FTE per month";
    BudgetAttrition => "Текучесть в месяц, %", "Attrition per month, %";
    BudgetHiringLead => "Срок найма, мес.", "Hiring lead time, months";
    BudgetPaidTraining => "Из них оплачиваемое обучение, мес.", "Of which paid training, months";
    BudgetStartingAgents => "Операторов на старте, FTE (пусто = потребность)", "Agents at start, FTE (empty = requirement)";
    BudgetAgentSalary => "Оклад оператора в месяц", "Agent salary per month";
    BudgetBonus => "Премия, % оклада", "Bonus, % of salary";
    BudgetPayrollTax => "Страховые взносы / налоги работодателя, %", "Employer payroll taxes, %";
    BudgetBenefits => "Льготы на человека в месяц", "Benefits per person per month";
    BudgetIndexation => "Индексация окладов в год, %", "Salary indexation per year, %";
    BudgetPresets => "Значения по стране (правятся, это не закон):", "Country defaults (editable, not law):";
    BudgetSupSpan => "Операторов на супервайзера", "Agents per supervisor";
    BudgetSupSalary => "Оклад супервайзера", "Supervisor salary";
    BudgetQaCount => "Контроль качества, FTE", "QA, FTE";
    BudgetQaSalary => "Оклад QA", "QA salary";
    BudgetTrainerCount => "Тренеры, FTE", "Trainers, FTE";
    BudgetTrainerSalary => "Оклад тренера", "Trainer salary";
    BudgetWfmCount => "WFM-аналитики, FTE", "WFM analysts, FTE";
    BudgetWfmSalary => "Оклад WFM-аналитика", "WFM analyst salary";
    BudgetManagerCount => "Руководители, FTE", "Managers, FTE";
    BudgetManagerSalary => "Оклад руководителя", "Manager salary";
    BudgetSeatSharing => "Операторов на линии на место", "Agents on the phones per seat";
    BudgetSeatCapex => "CAPEX на место (ПК, гарнитура, мебель)", "CAPEX per seat (PC, headset, furniture)";
    BudgetDepYears => "Амортизация, лет", "Depreciation, years";
    BudgetLicence => "Лицензии на место в месяц (CCaaS, CRM, WFM, QA)", "Licences per seat per month (CCaaS, CRM, WFM, QA)";
    BudgetRent => "Аренда на место в месяц", "Rent per seat per month";
    BudgetTelephony => "Связь за минуту", "Telephony per minute";
    BudgetBlocking => "Блокировка линий (Эрланг B), %", "Line blocking (Erlang B), %";
    BudgetLineCost => "Линия / канал в месяц", "Line / trunk per month";
    BudgetTrainingPerHire => "Обучение на новичка", "Training per hire";
    BudgetRecruitmentPerHire => "Подбор на новичка", "Recruitment per hire";
    BudgetOverhead => "Накладные, % от прочих OPEX", "Overhead, % of other OPEX";
    BudgetErrors => "Исправьте поля формы:", "Correct the form fields:";
    BudgetTotals => "Итоги за горизонт", "Totals over the horizon";
    BudgetCash => "Бюджет (деньги): OPEX + CAPEX", "Budget (cash): OPEX + CAPEX";
    BudgetPnl => "Расходы в P&L: OPEX + амортизация", "P&L cost: OPEX + depreciation";
    BudgetOpex => "Операционные (OPEX)", "OPEX";
    BudgetCapex => "Капитальные (CAPEX)", "CAPEX";
    BudgetAvgFte => "Средняя потребность, FTE", "Average requirement, FTE";
    BudgetCostPerCall => "Стоимость звонка (на поступивший)", "Cost per call (offered)";
    BudgetCostPerContact => "Стоимость обращения (на обработанный)", "Cost per contact (handled)";
    BudgetCostPerHour => "Стоимость часа оператора", "Cost per agent hour";
    BudgetMonthly => "Бюджет по месяцам", "Monthly budget";
    BudgetMonth => "Месяц", "Month";
    BudgetContacts => "Обращений", "Contacts";
    BudgetFte => "FTE (ставки)", "FTE";
    BudgetHires => "Найм", "Hires";
    BudgetLabour => "Труд", "Labour";
    BudgetOtherOpex => "Прочие OPEX", "Other OPEX";
    BudgetDepreciation => "Амортизация", "Depreciation";
    BudgetTotalRow => "Итого", "Total";
    BudgetScenarios => "Сценарии", "Scenarios";
    BudgetScHint => "Пустое поле — без изменений.", "An empty field leaves the driver unchanged.";
    BudgetScName => "Название сценария", "Scenario name";
    BudgetScVolume => "Объём, ±%", "Volume, ±%";
    BudgetScAht => "AHT, с", "AHT, s";
    BudgetScSl => "Цель SL, %", "SL target, %";
    BudgetScSlSeconds => "Порог SL, с", "SL threshold, s";
    BudgetScShrinkage => "Потери времени, %", "Shrinkage, %";
    BudgetScAttrition => "Текучесть в месяц, %", "Attrition per month, %";
    BudgetScDeflection => "Самообслуживание, %", "Self-service deflection, %";
    BudgetScIndexation => "Индексация в год, %", "Indexation per year, %";
    BudgetScAdd => "Добавить сценарий", "Add scenario";
    BudgetScRemove => "Удалить", "Remove";
    BudgetScenario => "Сценарий", "Scenario";
    BudgetBaseline => "Базовый", "Baseline";
    BudgetDeltaFte => "Δ ставок (FTE)", "Δ FTE";
    BudgetDeltaCash => "Δ бюджета", "Δ budget";
    BudgetScInvalid => "не рассчитан: неверное значение", "not computed: invalid value";
    BudgetTornado => "Чувствительность бюджета: каждый драйвер ±10 %", "Budget sensitivity: each driver ±10%";
    BudgetTornadoNote => "Слева — драйвер −10 %, справа — +10 %; ширина — размах бюджета (деньги).", "Left bar: driver −10%, right: +10%; width is the swing of the cash budget.";
    BudgetDrvVolume => "Объём", "Volume";
    BudgetDrvAht => "Время обработки (AHT)", "AHT";
    BudgetDrvSl => "Цель SL", "SL target";
    BudgetDrvSlT => "Порог SL", "SL threshold";
    BudgetDrvShrinkage => "Потери времени", "Shrinkage";
    BudgetDrvAttrition => "Текучесть", "Attrition";
    BudgetDrvIvr => "Самообслуживание", "Self-service";
    BudgetDrvSalary => "Оклад оператора", "Agent salary";
    BudgetDrvIndexation => "Индексация", "Indexation";
    BudgetDrvTelephony => "Тариф связи", "Telephony rate";
    BudgetInvalidEnd => "вне допустимого", "out of range";
    BudgetInvestment => "Обоснование инвестиции", "Investment case";
    BudgetInvOneTime => "Разовые затраты (t = 0)", "One-time cost (t = 0)";
    BudgetInvRecurring => "Затраты в месяц", "Recurring cost per month";
    BudgetInvAhtCut => "Снижение AHT, с", "AHT reduction, s";
    BudgetInvVolumeCut => "Снижение объёма, %", "Volume reduction, %";
    BudgetInvAttritionCut => "Снижение текучести, п.п. в месяц", "Attrition reduction, points per month";
    BudgetInvRate => "Ставка дисконтирования в год, %", "Discount rate per year, %";
    BudgetInvImmediately => "Сокращать штат сразу (иначе — через текучесть)", "Cut staff at once (else through attrition)";
    BudgetInvFteSaved => "Экономия FTE в 1-м месяце (через расчёт штата)", "FTE saved in month 1 (through the staffing engine)";
    BudgetInvBenefit => "Выгода за горизонт", "Benefit over the horizon";
    BudgetInvCost => "Затраты за горизонт", "Cost over the horizon";
    BudgetInvRoi => "ROI = (выгода − затраты) / затраты", "ROI = (gain − cost) / cost";
    BudgetInvPaybackSimple => "Простая окупаемость, мес.", "Simple payback, months";
    BudgetInvPaybackDiscounted => "Дисконтированная окупаемость, мес.", "Discounted payback, months";
    BudgetInvNever => "не окупается", "never";
    BudgetInvNpv => "ЧДД (NPV)", "NPV";
    BudgetInvNpvTiming => "Разовые затраты в t = 0 (без дисконта), месячные потоки в конце каждого месяца; ставка в месяц = (1 + r)^(1/12) − 1.", "One-time cost at t = 0 (undiscounted), monthly flows at the end of each month; monthly rate = (1 + r)^(1/12) − 1.";
    BudgetInvIrr => "IRR, годовая", "IRR, annual";
    BudgetInvNoIrr => "нет IRR: потоки не меняют знак или корень вне диапазона", "no IRR: the flows never change sign or the root is out of range";
    BudgetInvSeveralIrr => "несколько IRR (смен знака:", "several IRRs (sign changes:";
    BudgetExport => "Экспорт и обмен", "Export and sharing";
    BudgetExportXlsx => "Скачать XLSX", "Download XLSX";
    BudgetExportCsv => "Скачать CSV (;)", "Download CSV (;)";
    BudgetSaveFile => "Сохранить сценарии в файл", "Save scenarios to a file";
    BudgetLoadFile => "Загрузить сценарии из файла", "Load scenarios from a file";
    BudgetLoadFailed => "Файл не похож на сохранённый бюджет callcalc.", "The file is not a saved callcalc budget.";
    BudgetShareLink => "Ссылка на этот бюджет", "Link to this budget";
    BudgetPrint => "Печать обоснования", "Print the justification";
    BudgetFromLink => "Бюджет открыт по ссылке.", "Budget opened from a link.";
    ForecastTitle => "Прогноз нагрузки, потребность в персонале и смены", "Load forecast, staffing needs and shifts";
    ForecastIntro => "Прогноз строится по интервальной истории набора данных (все каналы вместе). Методы проверяются на последних неделях истории; по умолчанию выбран лучший по WAPE.", "The forecast is built from the data set's interval history (all channels together). Methods are backtested on the last weeks of the history; the best by WAPE is chosen by default.";
    ForecastSettingsTitle => "Параметры", "Settings";
    ForecastHorizon => "Горизонт", "Horizon";
    ForecastHorizonDay => "1 день", "1 day";
    ForecastHorizonWeek => "1 неделя", "1 week";
    ForecastHorizonMonth => "1 месяц", "1 month";
    ForecastHorizonQuarter => "3 месяца", "3 months";
    ForecastHorizonHalfYear => "6 месяцев", "6 months";
    ForecastHorizonYear => "12 месяцев", "12 months";
    ForecastMethod => "Метод прогноза", "Forecast method";
    ForecastMethodBest => "Лучший по бэктесту", "Best by backtest";
    ForecastModel => "Модель очереди", "Queue model";
    ForecastModelC => "Erlang C (без брошенных)", "Erlang C (no abandonment)";
    ForecastModelA => "Erlang A (с терпением)", "Erlang A (with patience)";
    ForecastSl => "Целевой SL, %", "Target SL, %";
    ForecastThreshold => "Порог SL, с", "SL threshold, s";
    ForecastPatience => "Среднее терпение клиента, с (Erlang A, X, чат)", "Mean caller patience, s (Erlang A, X, chat)";
    ForecastShrinkage => "Шринкедж, %", "Shrinkage, %";
    ForecastMSeasonalNaive => "Сезонный наивный (тот же интервал неделю назад)", "Seasonal naive (same interval last week)";
    ForecastMProfile4 => "Профиль недели × дневной объём с трендом, 4 недели", "Interval-of-week profile × daily total with trend, 4 weeks";
    ForecastMProfile8 => "Профиль недели × дневной объём с трендом, 8 недель", "Interval-of-week profile × daily total with trend, 8 weeks";
    ForecastMHwFixed => "Хольт–Винтерс, фиксированные параметры", "Holt-Winters, fixed parameters";
    ForecastMHwGrid => "Хольт–Винтерс, параметры подобраны", "Holt-Winters, grid-searched parameters";
    ForecastBacktest => "Точность методов (бэктест)", "Method accuracy (backtest)";
    ForecastBacktestWeeks => "Последние недели истории, скользящее начало, недель:", "Last weeks of the history, rolling origin, weeks:";
    ForecastWape => "WAPE (взвеш. ошибка)", "WAPE";
    ForecastMape => "MAPE (ср. ошибка, %)", "MAPE";
    ForecastBias => "Смещение", "Bias";
    ForecastBestMark => "лучший", "best";
    ForecastInUse => "используется", "in use";
    ForecastSummary => "Прогноз", "Forecast";
    ForecastTotalCalls => "Обращений за горизонт", "Contacts over the horizon";
    ForecastAgentHours => "Чистых агенто-часов", "Net agent-hours";
    ForecastPeakNet => "Пиковая потребность, агентов", "Peak requirement, agents";
    ForecastUnmet => "Интервалов, где цель недостижима", "Intervals where the target cannot be met";
    ForecastMonthly => "Объём по месяцам", "Monthly totals";
    ForecastHeatmap => "Потребность по интервалам (первая неделя горизонта)", "Requirement per interval (first week of the horizon)";
    ForecastNet => "Чистая (на линии)", "Net (on the phones)";
    ForecastGross => "С учётом шринкеджа (FTE)", "Gross with shrinkage (FTE)";
    ForecastPeaks => "Пиковые интервалы", "Peak intervals";
    ForecastFlatAgents => "Фиксированная численность на линии", "Flat staffing on the phones";
    ForecastLowerSl => "Сниженный SL для сравнения, %", "Lower SL to compare, %";
    ForecastHourlyCost => "Стоимость оплачиваемого часа", "Cost of a paid hour";
    ForecastColInterval => "Интервал", "Interval";
    ForecastColCalls => "Обращений", "Contacts";
    ForecastColNeeded => "Нужно агентов", "Agents needed";
    ForecastColNeededLower => "При сниженном SL", "At the lower SL";
    ForecastColSlFlat => "SL при фикс. численности", "SL with flat staffing";
    ForecastColAsaFlat => "ASA при фикс., с", "ASA with flat, s";
    ForecastColAbandonFlat => "Брошенные при фикс.", "Abandoned with flat";
    ForecastCostTarget => "Стоимость цели в пиках", "Cost of the target at the peaks";
    ForecastCostLower => "Стоимость при сниженном SL", "Cost at the lower SL";
    ForecastSaving => "Экономия", "Saving";
    ForecastCostFromBudget => "Стоимость часа из бюджета", "Hourly cost from the budget";
    ForecastCostFromBudgetHint => "Берёт из сохранённого бюджета на этих данных оплату операторов ÷ их оплачиваемые часы — затраты, которые растут с часами операторов (аренда, техника и накладные от пиков не меняются).", "Takes the agents' pay ÷ their paid hours from the saved budget on this data: the cost that grows with agent hours (rent, equipment and overhead do not change with the peaks).";
    ForecastOpenBudget => "Открыть бюджет", "Open the budget";
    ForecastHiring => "Долгосрочный план: FTE и найм по месяцам (12 месяцев)", "Long-term plan: FTE and hiring by month (12 months)";
    ForecastHeadcount => "Текущая численность, FTE", "Current headcount, FTE";
    ForecastAttrition => "Текучесть в месяц, %", "Attrition per month, %";
    ForecastLead => "Срок найма, мес.", "Hiring lead time, months";
    ForecastTraining => "Обучение, мес.", "Training, months";
    ForecastFteHours => "Оплачиваемых часов на FTE в месяц", "Paid hours per FTE per month";
    ForecastColMonth => "Месяц", "Month";
    ForecastColRequiredFte => "Нужно FTE", "FTE required";
    ForecastColAvailableFte => "Доступно FTE", "FTE available";
    ForecastColHires => "Нанять", "Hires";
    ForecastColShortfall => "Нехватка FTE", "FTE short";
    ForecastTotalHires => "Всего нанять", "Total hires";
    ForecastShifts => "Смены: покрытие первой недели", "Shifts: covering the first week";
    ForecastShiftName => "Смена", "Shift";
    ForecastShiftStart => "Начало (ЧЧ:ММ)", "Start (HH:MM)";
    ForecastShiftLength => "Длина, ч", "Length, h";
    ForecastShiftBreak => "Перерыв, мин", "Break, min";
    ForecastShiftPartTime => "Неполная занятость", "Part-time";
    ForecastShiftAdd => "Добавить смену", "Add a shift";
    ForecastShiftRemove => "Удалить", "Remove";
    ForecastShiftRun => "Подобрать смены", "Optimise the shifts";
    ForecastShiftAgents => "Агентов в плане", "Agents in the plan";
    ForecastShiftPaidHours => "Оплачиваемых часов", "Paid hours";
    ForecastShiftBound => "Нижняя граница, ч", "Lower bound, h";
    ForecastShiftUnder => "Недобор, агенто-интервалов", "Under-staffing, agent-intervals";
    ForecastShiftOver => "Избыток, агенто-интервалов", "Over-staffing, agent-intervals";
    ForecastShiftUnmet => "Непокрытые интервалы", "Unmet intervals";
    ForecastShiftBelow => "Интервалов ниже целевого SL", "Intervals below the target SL";
    ForecastShiftStarts => "Старты по шаблонам", "Starts by template";
    ForecastShiftCoverage => "Покрытие: запланировано − нужно (SL)", "Coverage: scheduled − required (SL)";
    ForecastShiftNotRun => "Нажмите «Подобрать смены».", "Press “Optimise the shifts”.";
    ForecastExport => "Экспорт и печать", "Export and print";
    ForecastExportXlsx => "Скачать XLSX", "Download XLSX";
    ForecastExportCsv => "Скачать CSV (прогноз)", "Download CSV (forecast)";
    ForecastPrint => "Печать", "Print";
    ForecastNoData => "Нет интервальных данных: импортируйте интервальный отчёт или CDR.", "No interval data: import an interval report or call records.";
    OperatorsTitle => "Операторы: показатели, подозрительные шаблоны, контроль качества", "Operators: KPIs, suspicious patterns, quality monitoring";
    OperatorsSource => "Данные для анализа", "Data to analyse";
    OperatorsSourceDataSet => "Записи вызовов и отчёт по операторам из набора данных", "Call records and agent report of the data set";
    OperatorsSourcePlanted => "Синтетический центр с подложенными «нарушителями» (seed 2024: 40 операторов, 10 дней, по 2 на шаблон)", "Synthetic centre with planted gamers (seed 2024: 40 operators, 10 days, 2 per pattern)";
    OperatorsDemoNoGamers => "Демо-центр не содержит нарушителей: все операторы одного канала работают по одному распределению. Чтобы увидеть срабатывания, выберите синтетический центр.", "The demo centre plants no gamers: the operators of one channel draw from one distribution. To see flags, choose the synthetic centre.";
    OperatorsNoCdr => "В наборе данных нет записей вызовов (CDR) — загрузите их на странице импорта.", "The data set has no call-detail records — import them on the import page.";
    OperatorsCdrRows => "Строк CDR", "CDR rows";
    OperatorsKept => "Контактов операторов", "Operator contacts";
    OperatorsNotHandled => "Не обслужены (потерянные, занято)", "Not handled (abandoned, busy)";
    OperatorsNoOperator => "Отвечены, но без оператора", "Answered without an operator";
    OperatorsUnreadable => "Строки с ошибками", "Unreadable rows";
    OperatorsTotalsSkipped => "Строки «Итого»", "Totals rows";
    OperatorsAgentUnusable => "Непригодные строки отчёта по операторам", "Unusable agent-report rows";
    OperatorsPeakDef => "Пик: интервалы (15 мин), где поступило не меньше верхнего квартиля Q₃ по непустым интервалам; для отчёта по операторам — дни с объёмом ≥ Q₃ по дням. Порог Q₃, контактов за интервал:", "Peak: 15-minute intervals whose volume is at least the upper quartile Q₃ of non-empty intervals; for the agent report, days with volume ≥ Q₃ of days. Q₃, contacts per interval:";
    OperatorsTableCaption => "Показатели операторов (нажмите на заголовок, чтобы отсортировать)", "Operator KPIs (click a header to sort)";
    OperatorsColOperator => "Оператор", "Operator";
    OperatorsColContacts => "Контакты (анализ)", "Contacts (analysed)";
    OperatorsColChannels => "По каналам: шт. / доля оператора / доля центра", "By channel: count / operator share / centre share";
    OperatorsColAht => "AHT, с", "AHT, s";
    OperatorsColTalk => "Разговор, с", "Talk, s";
    OperatorsColHold => "Удержание, с", "Hold, s";
    OperatorsColAcw => "Постобработка, с", "ACW, s";
    OperatorsColTransfers => "Переводы", "Transfers";
    OperatorsColShort => "Короткие", "Short";
    OperatorsColNotReady => "Не готов, ч (по причинам)", "Not ready, h (by reason)";
    OperatorsColOccupancy => "Загрузка", "Occupancy";
    OperatorsColConformance => "Соблюдение графика", "Schedule conformance";
    OperatorsColPerHour => "Контактов в час в системе", "Contacts per logged-in hour";
    OperatorsColFlags => "Флаги", "Flags";
    OperatorsFlagsTitle => "Подозрительные шаблоны", "Suspicious patterns";
    OperatorsFdrNote => "Защита от ложных тревог: p-значения всех проверок (операторы × шаблоны) скорректированы вместе по Бенджамини — Хохбергу; флаг ставится, только если скорректированное q ≤ FDR и выполнен порог практической величины. Флаг — повод для разговора, а не доказательство.", "False-alarm control: the p-values of all tests (operators × patterns) are adjusted together with Benjamini–Hochberg; a flag is raised only when the adjusted q ≤ FDR and the practical-size threshold holds. A flag is a reason for a conversation, not proof.";
    OperatorsTestsRun => "Проверок выполнено", "Tests run";
    OperatorsNoFlags => "Ни один оператор не помечен при этих порогах.", "No operator is flagged at these thresholds.";
    OperatorsRule => "Правило", "Rule";
    OperatorsThreshold => "Порог", "Threshold";
    OperatorsPValue => "p-значение", "p-value";
    OperatorsQValue => "q (после поправки)", "q (adjusted)";
    OperatorsStatistic => "Статистика", "Statistic";
    OperatorsEvidence => "Доказательства", "Evidence";
    OperatorsEvidenceContacts => "Контакты оператора", "The operator's contacts";
    OperatorsPlanted => "подложен", "planted";
    OperatorsPatternShortCalls => "Очень короткие контакты (сброс сразу)", "Very short contacts (immediate releases)";
    OperatorsPatternExcessiveAcw => "Чрезмерная постобработка", "Excessive after-call work";
    OperatorsPatternHoldAbuse => "Злоупотребление удержанием", "Hold abuse";
    OperatorsPatternNotReadyInPeaks => "«Не готов» в часы пик", "Not ready during peaks";
    OperatorsPatternTransferAvoidance => "Переводы, чтобы не работать", "Transfers to avoid work";
    OperatorsExplainShortCalls => "Доля контактов с разговором короче порога намного выше, чем у коллег: так выглядит сброс вызова сразу после ответа — он «улучшает» AHT и число контактов.", "The share of contacts with talk below the threshold is far above the peers': this is what releasing calls at once looks like — it “improves” AHT and the contact count.";
    OperatorsExplainExcessiveAcw => "Средняя постобработка намного длиннее, чем у коллег: оператор может «отдыхать» в постобработке, оставаясь недоступным для очереди.", "Mean after-call work is far longer than the peers': the operator may be resting in wrap-up, unavailable to the queue.";
    OperatorsExplainHoldAbuse => "Доля удержания в разговоре намного выше, чем у коллег: клиентов «паркуют» на удержании.", "The hold share of conversations is far above the peers': callers are being parked on hold.";
    OperatorsExplainNotReadyInPeaks => "В пиковые интервалы оператор чаще «не готов», чем коллеги и чем он сам вне пика: уход со связи именно тогда, когда очередь длиннее всего.", "In peak intervals the operator is not ready more than peers and more than off peak: leaving exactly when the queue is longest.";
    OperatorsExplainTransferAvoidance => "Доля переводов намного выше, чем у коллег: сложные контакты передаются другим.", "The transfer share is far above the peers': hard contacts are passed on to others.";
    OperatorsSettingsTitle => "Пороги детекторов", "Detector thresholds";
    OperatorsShortContactS => "Короткий контакт: разговор меньше, с", "Short contact: talk below, s";
    OperatorsMinContacts => "Минимум контактов для проверки", "Minimum contacts to test";
    OperatorsFdr => "FDR (доля ложных открытий), %", "FDR (false discovery rate), %";
    OperatorsShortRatio => "Короткие: во сколько раз выше коллег", "Short: times the peer share";
    OperatorsTransferRatio => "Переводы: во сколько раз выше коллег", "Transfers: times the peer share";
    OperatorsAcwZ => "Постобработка: минимальный робастный z", "ACW: minimum robust z";
    OperatorsHoldZ => "Удержание: минимальный робастный z", "Hold: minimum robust z";
    OperatorsNotReadyZ => "«Не готов» в пик: минимальный робастный z", "Not ready in peaks: minimum robust z";
    OperatorsChannel => "Сравнивать внутри канала", "Compare within channel";
    OperatorsAllChannels => "все каналы вместе", "all channels together";
    OperatorsChannelPhone => "телефон", "phone";
    OperatorsChannelChat => "чат", "chat";
    OperatorsChannelEmail => "электронная почта", "e-mail";
    OperatorsQaTitle => "План контроля качества (прослушивание)", "Quality monitoring plan (call review)";
    OperatorsQaTarget => "Оцениваем", "Estimate";
    OperatorsQaDefect => "долю дефектов", "a defect rate";
    OperatorsQaScore => "средний балл", "a mean score";
    OperatorsQaConfidence => "Доверительная вероятность, %", "Confidence, %";
    OperatorsQaMarginPct => "Погрешность ±, п.п. (доля) или баллы (балл)", "Margin ±, percentage points (rate) or points (score)";
    OperatorsQaDefectPct => "Ожидаемая доля дефектов, %", "Planning defect rate, %";
    OperatorsQaSd => "Ожидаемое σ балла", "Planning σ of the score";
    OperatorsQaMethod => "Отбор", "Selection";
    OperatorsQaSystematic => "каждый k-й контакт со случайного начала", "every k-th contact from a random start";
    OperatorsQaRandom => "простая случайная выборка", "simple random sample";
    OperatorsQaSeed => "Seed (зерно) случайного отбора", "Random seed";
    OperatorsQaPopulation => "Контактов N", "Contacts N";
    OperatorsQaN => "Прослушать n", "Review n";
    OperatorsQaK => "Каждый k-й", "Every k-th";
    OperatorsQaStart => "Начиная с №", "Starting at #";
    OperatorsQaTotal => "Всего к прослушиванию", "Total to review";
    OperatorsQaExportCsv => "Скачать выборку (CSV)", "Download the sample (CSV)";
    OperatorsQaExportXlsx => "Скачать выборку (XLSX)", "Download the sample (XLSX)";
    OperatorsQaHdrNumber => "№ контакта оператора", "Operator's contact #";
    OperatorsQaHdrId => "ID контакта", "Contact id";
    OperatorsQaHdrWhen => "Поступил", "Arrived";
    OperatorsQaHdrChannel => "Канал", "Channel";
    OperatorsScoreTitle => "Оценка прослушанных контактов", "Scoring reviewed contacts";
    OperatorsScorePoliteness => "Вежливость (1–5)", "Politeness (1–5)";
    OperatorsScoreCompetence => "Компетентность (1–5)", "Competence (1–5)";
    OperatorsScoreStress => "Стрессоустойчивость (1–5)", "Stress tolerance (1–5)";
    OperatorsScoreScript => "Следование скрипту (1–5)", "Script adherence (1–5)";
    OperatorsScoreAdd => "Добавить оценку", "Add the evaluation";
    OperatorsScoreClear => "Удалить все оценки", "Delete all evaluations";
    OperatorsScoreMean => "Средний балл (из 5) ± 95 % ДИ", "Mean score (of 5) ± 95 % CI";
    OperatorsScoreCount => "Оценок", "Evaluations";
    OperatorsScoreCiNote => "ДИ: x̄ ± t(0,975; n−1)·s/√n по сумме четырёх критериев ÷ 4; при n = 1 не определён.", "CI: x̄ ± t(0.975; n−1)·s/√n of the mean of the four criteria; undefined for n = 1.";
    OperatorsPatternAnsweredNearSl => "Ответы перед самым порогом SL", "Answers just before the SL threshold";
    OperatorsExplainAnsweredNearSl => "Заметно больше, чем у коллег, ответов с ожиданием в последние секунды перед порогом уровня сервиса: оператор может придерживать вызовы и брать их «под порог», чтобы они засчитались в SL. Проверьте, когда и как он переходит в «готов» и принимает вызовы.", "Far more answers than peers with a wait in the last seconds before the service-level threshold: the operator may hold calls back and pick them up just in time to count toward the SL. Check when and how they go ready and take calls.";
    OperatorsNearSlRatio => "Перед порогом SL: во сколько раз выше коллег", "Before the SL threshold: times the peer share";
    OperatorsSlThreshold => "Порог уровня сервиса T, с", "Service-level threshold T, s";
    OperatorsNearSlWindow => "Окно перед порогом w, с (ожидание в [T − w; T])", "Window before the threshold w, s (wait in [T − w, T])";
    OperatorsPeers => "Сравнивать с коллегами", "Compare with peers";
    OperatorsPeersQueue => "той же очереди (нет очереди в данных — того же канала)", "of the same queue (no queue in the data: of the same channel)";
    OperatorsPeersChannel => "того же канала", "of the same channel";
    OperatorsPeersCentre => "всего центра", "of the whole centre";
    OperatorsPeersNote => "Коллеги (группа сравнения) — операторы той же группы за тот же период; оператор относится к очереди, через которую прошло больше всего его контактов (если в данных нет очереди — к своему основному каналу). Группы и проверяемые операторы:", "Peers are the operators of the same group in the same period; an operator belongs to the queue most of their contacts came through (when the data has no queue, to their main channel). Groups and operators tested:";
    OperatorsPeersSmall => "меньше 5 проверяемых — группа не проверяется", "fewer than 5 tested: the group is not tested";
    OperatorsGroupQueue => "очередь", "queue";
    OperatorsGroupChannel => "канал", "channel";
    OperatorsGroupCentre => "весь центр", "whole centre";
    OperatorsChannelAnalysed => "Анализировать канал", "Analyse the channel";
    OperatorsColNearSl => "Ответы перед порогом SL", "Answers just before SL";
    OperatorsColPeers => "Группа сравнения", "Peer group";
    OperatorsColWait => "Ожидание, с", "Wait, s";
    OperatorsDetailTitle => "Карточка оператора", "Operator detail";
    OperatorsDetailOpen => "Открыть карточку оператора", "Open the operator's detail";
    OperatorsDetailClose => "Закрыть карточку", "Close the detail";
    OperatorsDetailHint => "Нажмите на имя оператора в таблице, чтобы открыть его карточку.", "Click an operator's name in the table to open their detail.";
    OperatorsDetailChannels => "Контакты по каналам", "Contacts by channel";
    OperatorsDetailShareOp => "Доля в контактах оператора", "Share of the operator's contacts";
    OperatorsDetailShareCentre => "Доля в контактах центра по каналу", "Share of the centre's contacts of the channel";
    OperatorsDetailTimes => "Показатели", "Measures";
    OperatorsDetailNotReady => "«Не готов» по причинам, ч", "Not ready by reason, h";
    OperatorsDetailNoAgentRow => "нет строки в отчёте по операторам", "no agent-report row";
    OperatorsDetailHandleHist => "Распределение времени обработки (разговор + удержание + постобработка), с", "Handle time distribution (talk + hold + ACW), s";
    OperatorsDetailWaitHist => "Распределение ожидания до ответа, с (линия — порог SL, полоса — окно перед ним)", "Wait-at-answer distribution, s (the line is the SL threshold, the band the window before it)";
    OperatorsDetailLegendOp => "оператор (доля его контактов)", "the operator (share of their contacts)";
    OperatorsDetailLegendPeers => "коллеги (доля их контактов)", "peers (share of their contacts)";
    OperatorsDetailNoWaits => "В данных нет времени ожидания до ответа.", "The data has no wait-at-answer times.";
    OperatorsDetailFlags => "Флаги оператора", "The operator's flags";
    OperatorsDetailNoFlags => "У оператора нет флагов при этих порогах.", "The operator has no flags at these thresholds.";
    OperatorsPatternRepeatCallers => "Повторные обращения после контактов оператора", "Repeat callers after the operator's contacts";
    OperatorsExplainRepeatCallers => "После контактов оператора клиенты заметно чаще, чем у коллег, обращаются повторно в пределах окна: вопрос, вероятно, не решается, а клиента «спроваживают» ради короткого AHT. Прослушайте контакты, после которых был повтор.", "After the operator's contacts callers come back within the window far more often than after the peers': problems are probably not solved but callers got rid of for a short AHT. Review the contacts followed by a repeat.";
    OperatorsRepeatRatio => "Повторные: во сколько раз выше коллег", "Repeats: times the peer share";
    OperatorsColRepeats => "Повторные после контакта (доля)", "Followed by a repeat (share)";
    OperatorsColResolved => "Решено / зарегистрировано", "Resolved / registered";
    OperatorsColResolvedWeighted => "Решено с весом сложности (доля)", "Resolved weighted by complexity (share)";
    OperatorsRepeatNote => "Повторное обращение: тот же клиент (номер) снова обратился в течение 24 ч после контакта, с любым исходом. Зарегистрировано — в записи есть отметка «решено да/нет»; вес — уровень сложности (1, если не указан). Без этих столбцов в файле — «—».", "A repeat: the same caller (number) contacts again within 24 h after the contact, with any outcome. Registered: the record carries a resolved yes/no mark; weight: the complexity level (1 when missing). Without these columns in the file: n/a.";
    OperatorsDetailPeersCount => "Операторов в группе сравнения", "Operators in the peer group";
    ImportxUseData => "Использовать эти данные на всех страницах", "Use this data in every page";
    ImportxInUse => "Данные для страниц KPI, прогноза, бюджета и операторов", "Data for the KPI, forecast, budget and operators pages";
    ImportxDemoInUse => "Сейчас: демо-центр (встроенные данные).", "Now: the demo centre (built-in data).";
    ImportxRemove => "Удалить импортированные данные (вернуть демо)", "Remove imported data (back to the demo)";
    ImportxBytes => "Размер, байт", "Size, bytes";
    ImportxSaved => "Сохранено в браузере: данные останутся после перезагрузки.", "Saved in this browser: the data stays after a reload.";
    ImportxTooLarge => "Данные используются, но слишком велики, чтобы сохранить их в браузере (байт / предел):", "The data is in use but too large to keep in this browser (bytes / limit):";
    ImportxTooLargeAfter => "После перезагрузки страницы снова будет демо.", "After a reload the demo comes back.";
    ImportxRefused => "Браузер не разрешил сохранить данные (приватный режим или хранилище заполнено); после перезагрузки снова будет демо.", "The browser refused to keep the data (private mode or storage full); after a reload the demo comes back.";
    ImportxRemoved => "Импортированные данные удалены, страницы снова работают с демо.", "Imported data removed; the pages work from the demo again.";
    ImportxRestored => "Импортированные данные восстановлены из браузера.", "Imported data restored from this browser.";
    ImportxDiscarded => "Сохранённые данные не удалось прочитать (повреждены или старая версия); показано демо.", "The saved data could not be read (damaged or an older version); showing the demo.";
    ImportxShownOf => "показано", "shown";
    ImportxOf => "из", "of";
    KpiPeakDays => "Пиковые дни", "Peak days";
    KpiRestDays => "Остальные дни", "Other days";
    ImportxCancel => "Отменить импорт", "Cancel the import";
    ImportxlsxSheet => "Лист книги", "Workbook sheet";
    BudgetCeTitle => "Экономика клиента", "Customer economics";
    BudgetCeHint => "Стоимость привлечения и удержания клиента и его пожизненная ценность — чтобы оценить, сколько стоит качество сервиса. Суммы за один период (например, год).", "Cost to acquire and to retain a customer and the customer's lifetime value, to price the value of service quality. Amounts for one period (e.g. a year).";
    BudgetCeAcquisition => "Привлечение", "Acquisition";
    BudgetCePaidSpend => "Платные каналы (реклама)", "Paid channels (media)";
    BudgetCeOtherSpend => "Прочий маркетинг", "Other marketing";
    BudgetCeSalesSalaries => "Зарплаты и комиссии продаж", "Sales salaries and commissions";
    BudgetCeNewCustomers => "Новые клиенты, всего", "New customers, all";
    BudgetCeNewCustomersPaid => "Новые клиенты из платных каналов", "New customers from paid channels";
    BudgetCeRetentionGroup => "Удержание", "Retention";
    BudgetCeRetentionSpend => "Затраты на удержание", "Retention spend";
    BudgetCeCustomersRetained => "Удержано клиентов", "Customers retained";
    BudgetCeClvGroup => "Пожизненная ценность (CLV)", "Lifetime value (CLV)";
    BudgetCeMargin => "Маржа с клиента за период (m)", "Margin per customer per period (m)";
    BudgetCeRetention => "Удержание за период, % (r)", "Retention per period, % (r)";
    BudgetCeDiscount => "Ставка дисконтирования за период, % (d)", "Discount rate per period, % (d)";
    BudgetCeHorizon => "Горизонт, периодов (T)", "Horizon, periods (T)";
    BudgetCePurchaseValue => "Средний чек (V)", "Average purchase value (V)";
    BudgetCePurchases => "Покупок за период (F)", "Purchases per period (F)";
    BudgetCeLifespan => "Срок жизни клиента, периодов (L)", "Customer lifespan, periods (L)";
    BudgetCeMarginFraction => "Валовая маржа, % (g)", "Gross margin, % (g)";
    BudgetCeCacBlended => "CAC с зарплатами продаж", "CAC incl. sales salaries";
    BudgetCeCacNoSalaries => "CAC без зарплат продаж", "CAC without sales salaries";
    BudgetCeCacPaid => "CAC платных каналов", "CAC of paid channels";
    BudgetCeRetentionCost => "Стоимость удержания клиента", "Cost to retain a customer";
    BudgetCeClvFarris => "CLV (a) по Farris: m·r/(1 + d − r)", "CLV (a) Farris: m·r/(1 + d − r)";
    BudgetCeClvAtStart => "CLV (b) маржа и в t = 0", "CLV (b) margin also at t = 0";
    BudgetCeClvFinite => "CLV (d) за T периодов", "CLV (d) over T periods";
    BudgetCeClvSimple => "CLV (c) простая: V × F × L × g", "CLV (c) simple: V × F × L × g";
    BudgetInvAbandonBefore => "Доля брошенных до, %", "Abandon rate before, %";
    BudgetInvAbandonAfter => "Доля брошенных после, %", "Abandon rate after, %";
    BudgetInvBuyShare => "Из них купили бы, %", "Share who would have bought, %";
    BudgetInvMarginPerSale => "Маржа с продажи", "Margin per sale";
    BudgetInvRevenueRetained => "Сохранённая выручка (меньше брошенных)", "Revenue retained (fewer abandons)";
    BudgetInvAbandonsAvoided => "Предотвращено брошенных за горизонт", "Abandons avoided over the horizon";
    BudgetTornadoMeasure => "Показатель", "Measure";
    BudgetTornadoCash => "Бюджет (денежный поток)", "Cash budget";
    BudgetTornadoCpc => "Стоимость звонка", "Cost per call";
    BudgetTornadoNoteCpc => "Слева — драйвер −10 %, справа — +10 %; ширина — размах стоимости поступившего звонка (затраты P&L / поступившие контакты).", "Left bar: driver −10%, right: +10%; width is the swing of the cost per call offered (P&L cost / contacts offered).";
    BudgetScAddedContacts => "Новый канал / проект: контактов в месяц", "Added channel / project: contacts per month";
    BudgetScAddedAht => "AHT нового канала, с", "AHT of the added channel, s";
    KpiQueue => "Очередь", "Queue";
    KpiQueueAll => "Все очереди", "All queues";
    KpiPlanTitle => "План и факт", "Plan vs actual";
    KpiPlanIntro => "Введите цели плана (пустое поле — без цели). Факт берётся из таблицы выше в выбранных вариантах; разница = факт − план. Бюджет на месяц делится на период строки пропорционально времени.", "Enter plan targets (leave a field empty for no target). The actual comes from the table above in the chosen variants; difference = actual − plan. The monthly budget is prorated to each row's period by time.";
    KpiPlanSl => "План: уровень сервиса, %", "Plan: service level, %";
    KpiPlanAsa => "План: ASA, с или м:сс", "Plan: ASA, s or m:ss";
    KpiPlanAht => "План: AHT, с или м:сс", "Plan: AHT, s or m:ss";
    KpiPlanAbandonment => "План: доля потерянных, %", "Plan: abandonment, %";
    KpiPlanCost => "План: стоимость обращения", "Plan: cost per contact";
    KpiPlanBudget => "Бюджет на месяц", "Monthly budget";
    KpiPlanSpend => "Расходы / бюджет", "Spend / budget";
    KpiPlanMet => "выполнен", "met";
    KpiPlanMissed => "не выполнен", "missed";
    KpiPlanEmpty => "Цели плана не заданы.", "No plan targets entered.";
    KpiPlanLegend => "В ячейке: факт / план, ниже разница и вердикт. Уровень сервиса выполнен при факте ≥ плана, остальное — при факте ≤ плана.", "Each cell: actual / plan, then the difference and the verdict. Service level is met when actual ≥ plan; the others when actual ≤ plan.";
    ForecastShiftsWeek => "Смены: покрытие выбранной недели горизонта", "Shifts: covering a chosen week of the horizon";
    ForecastShiftWeek => "Неделя для плана смен", "Week to plan";
    ForecastShiftWeekN => "Неделя", "Week";
    ForecastShiftExport => "Скачать план смен (XLSX)", "Download the shift plan (XLSX)";
    ForecastSpecialTitle => "Особые дни (праздники, акции)", "Special days (holidays, campaigns)";
    ForecastSpecialHint => "Даты в формате ГГГГ-ММ-ДД через запятую или пробел. Эти дни истории не участвуют в подборе методов и в оценке точности.", "Dates as YYYY-MM-DD separated by commas or spaces. These days of the history are left out of fitting the methods and of scoring them.";
    ForecastSpecialDates => "Особые даты", "Special dates";
    ForecastSpecialMarked => "Отмечено дней истории", "Days of the history marked";
    ForecastSpecialWapeBefore => "WAPE используемого метода без отметок", "WAPE of the method in use, unmarked";
    ForecastSpecialWapeAfter => "WAPE используемого метода с отметками", "WAPE of the method in use, marked";
    ForecastSpecialOutside => "Даты вне истории (не влияют):", "Dates outside the history (no effect):";
    ForecastSpecialRefused => "Отметки не применены: не осталось бы ни одного обычного дня", "Not applied: no ordinary day would remain";
    ForecastColStaffed => "Операторов по данным", "Agents staffed (data)";
    ForecastColSlStaffed => "SL при штате по данным", "SL with the data's staffing";
    ForecastColAsaStaffed => "ASA при штате по данным, с", "ASA with the data's staffing, s";
    ForecastStaffedNote => "Штат по данным: среднее число операторов в том же интервале того же дня недели в последней неделе отчёта (каналы и очереди сложены), округлено до целых для модели.", "The data's staffing: the average agents staffed in the same interval on the same weekday of the report's latest week (channels and queues added), rounded to whole agents for the model.";
    KpiThresholdEdit => "Порог уровня сервиса T для записей звонков, с", "Service-level threshold T for call records, s";
    KpiThresholdUnknown => "не указан в отчёте", "not stated in the report";
    KpiThresholdFixed => "Порог задан интервальным отчётом: его счётчики «отвечено за T» уже посчитаны при его собственном T, пересчитать их нельзя. Изменить T можно для записей звонков (CDR): у них есть ожидание каждого звонка.", "The threshold is the interval report's own: its \"answered within T\" counts were made at that T and cannot be recounted. T can be changed for call records (CDR), which keep each call's wait.";
    KpiPlanExpHeader => "заголовок из столбцов month;sl;aht;cost_per_call;budget (month обязателен)", "a header of the columns month;sl;aht;cost_per_call;budget (month required)";
    KpiPlanExpMonth => "месяц вида 2024-03 или 03.2024", "a month such as 2024-03 or 03.2024";
    KpiPlanExpNewMonth => "месяц, которого ещё не было в файле", "a month not given on an earlier row";
    KpiPlanExpPercent => "процент от 0 до 100", "a percentage from 0 to 100";
    KpiPlanExpDuration => "длительность: секунды или м:сс", "a duration: seconds or m:ss";
    KpiPlanExpAmount => "число не меньше 0", "a number not below 0";
    KpiPlanRow => "Строка", "Row";
    KpiPlanColumn => "столбец", "column";
    KpiPlanExpected => "ожидалось", "expected";
    KpiPlanMonths => "План по месяцам", "Plan per month";
    KpiPlanMonthsHelp => "Свои цели месяца заменяют цели «каждый месяц» для строк внутри этого месяца; бюджет каждого месяца делится по времени. Формат: month;sl;aht;cost_per_call;budget, по строке на месяц; пустая ячейка — нет цели. Строки с ошибками пропускаются, остальные сохраняются.", "A month's own targets replace the every-month targets for rows inside that month; each month's budget is prorated by time. Format: month;sl;aht;cost_per_call;budget, one row per month; an empty cell sets no target. Rows with errors are left out, the others kept.";
    KpiPlanMonthsText => "Цели по месяцам (CSV)", "Targets per month (CSV)";
    KpiPlanMonthsFile => "Загрузить из файла", "Load from a file";
    KpiPlanMonth => "Месяц", "Month";
    KpiCustTitle => "Клиентская сторона: переводы, FCR, CSAT, NPS", "Customer side: transfers, FCR, CSAT, NPS";
    KpiCustIntro => "Из необязательных столбцов записей звонков (перевод, решён с первого обращения, номер клиента, оценки CSAT и NPS, причина). Где в данных такого столбца нет — «нет данных», а не 0. Нажмите на ячейку, чтобы увидеть расчёт.", "From optional call-record columns (transfer, first-contact resolution, caller id, CSAT and NPS scores, reason). Where the data lack a column: \"no data\", never 0. Click a cell to see how it was computed.";
    KpiCustNone => "В данных нет записей звонков с этими столбцами: клиентские показатели не рассчитываются.", "The data have no call records with these columns: no customer-side KPIs.";
    KpiCustNoData => "нет данных", "no data";
    KpiCustTransfer => "Доля переводов", "Transfer rate";
    KpiCustFcrFlagged => "FCR (по отметке «решён»)", "FCR (flagged resolved)";
    KpiCustFcrRepeat => "FCR (без повтора за 24 ч)", "FCR (no repeat within 24 h)";
    KpiCustCsatMean => "CSAT, средняя оценка (1–5)", "CSAT, mean score (1–5)";
    KpiCustCsatTop2 => "CSAT, доля 4–5 (top-2-box)", "CSAT, top-2-box (4–5)";
    KpiCustNps => "NPS (промоутеры − критики)", "NPS (promoters − detractors)";
    KpiParetoTitle => "Причины обращений: Парето", "Contact reasons: Pareto";
    KpiParetoNone => "В данных нет столбца причины обращения.", "The data have no contact-reason column.";
    KpiParetoSummary => "Немногие главные причины (дают 80 % обращений)", "Vital few reasons (making 80% of contacts)";
    KpiParetoVital => "главная", "vital few";
    KpiParetoReason => "Причина", "Reason";
    KpiParetoContacts => "Обращений", "Contacts";
    KpiParetoShare => "Доля", "Share";
    KpiParetoCumulative => "Накопленная доля", "Cumulative share";
    BudgetScCallback => "Обратный звонок: доля контактов, %", "Callback: share of contacts, %";
    BudgetScCallbackMinutes => "Перезвонить в течение, мин (пусто = 60)", "Call back within, min (empty = 60)";
    BudgetDrvCallback => "Доля обратных звонков", "Callback share";
    BudgetRealtimeFte => "FTE в реальном времени (Эрланг C)", "Real-time FTE (Erlang C)";
    BudgetCallbackFte => "FTE на обратные звонки (отложенная работа)", "Callback FTE (deferred work)";
    BudgetAbandons => "Брошенные (оценка)", "Abandons (estimate)";
    BudgetCallbackNote => "Обратный звонок: доля c контактов уходит из очереди Эрланга C в отложенную работу со сроком; брошенные = контакты в очереди × измеренная доля брошенных.", "Callback: a share c of the contacts leaves the Erlang C queue and becomes deferred work with a deadline; abandons = contacts in the queue × the measured abandonment rate.";
    BudgetSource => "Откуда FTE (контакты по интервалам)", "FTE source (contacts per interval)";
    BudgetSourceHistory => "История данных (типичный день месяца)", "Data history (typical day per month)";
    BudgetSourceForecast => "Прогноз на 12 месяцев (каждый день и интервал)", "Forecast of the next 12 months (every day and interval)";
    BudgetSourceUsedHistory => "FTE рассчитаны по истории данных (типичный день месяца, повтор после последнего месяца); месяцев данных:", "FTE computed from the data history (a typical day per month, repeated after the last month); months of data:";
    BudgetSourceUsedForecast => "FTE рассчитаны по прогнозу на месяцы", "FTE computed from the forecast for months";
    BudgetSourceDays => "прогнозных дней", "forecast days";
    BudgetSourceMethod => "метод прогноза", "forecast method";
    BudgetSourceFailed => "Прогноз недоступен", "Forecast not available";
    KpiCostFromBudget => "Стоимость из бюджета", "Cost from the budget";
    KpiCostFromBudgetHint => "Заполняет оба поля из сохранённого бюджета на этих данных: оплата операторов ÷ оплачиваемые часы операторов; остальные расходы P&L ÷ те же часы.", "Fills both fields from the saved budget on this data: agents' pay ÷ paid agent hours; the rest of the P&L cost ÷ the same hours.";
    ForecastModelX => "Erlang X (терпение и повторные звонки)", "Erlang X (patience and redials)";
    ForecastModelChat => "Чат (несколько диалогов у оператора)", "Chat (several chats per agent)";
    ForecastRedial => "Перезванивают из бросивших, %", "Abandoned callers who call again, %";
    ForecastXWeekOnly => "Erlang X считается для всего горизонта и для 12-месячного плана: в каждом интервале попытки = новые звонки + перезвоны бросивших (неподвижная точка).", "Erlang X staffs the whole horizon and the 12-month plan: in every interval the attempts are fresh calls plus redials of abandoned callers (a fixed point).";
    ForecastChatFactors => "Множители AHT по числу чатов (1; 2; …)", "AHT multipliers by chats held (1; 2; …)";
    ForecastChatHint => "Время чата = прогнозный AHT × множитель для числа одновременных чатов; число множителей = максимум чатов у оператора. SL — доля отвеченных за T от поступивших.", "Chat time = forecast AHT × the multiplier for the chats held at once; the number of multipliers is the most chats per agent. SL: answered within T over offered.";
    ForecastLongRange => "Дальний горизонт (после 8 недель): тот же день недели год назад × рост последних 8 недель к тем же неделям год назад — с", "Long range (beyond 8 weeks): the same weekday a year earlier × the growth of the last 8 weeks over the same weeks a year earlier — from";
    ForecastSeries => "Что прогнозировать", "Series to forecast";
    ForecastSeriesAll => "Все обращения", "All contacts";
    ForecastSeriesChannel => "Канал", "Channel";
    ForecastSeriesQueue => "Очередь", "Queue";
    ForecastSeriesNote => "Прогноз ряда", "Forecast series";
    ForecastSeriesMissing => "Выбранного ряда нет в данных (после импорта другого файла) — прогноз по всем обращениям:", "The chosen series is not in the data (another file was imported): forecasting all contacts instead of";
    ForecastSeriesModelHint => "При выборе канала модель меняется под него (чат → модель чата, телефон → очередь); её можно сменить.", "Choosing a channel sets its model (chat → the chat model, phone → a queue model); you can still change it.";
    ForecastDeferredModel => "Отложенная работа (e-mail, бэк-офис): ответ в срок", "Deferred work (e-mail, back office): reply by a deadline";
    ForecastDeferredDeadline => "Срок ответа, рабочих часов", "Reply deadline, open (business) hours";
    ForecastDeferredOccupancy => "Продуктивная доля времени, %", "Productive share of paid time, %";
    ForecastDeferredOpen => "Открытых обращений на начало (текущий остаток)", "Items open at the start (current backlog)";
    ForecastDeferredOpenHint => "Возраст открытых обращений неизвестен: они считаются поступившими в первый интервал горизонта (срок — от начала, AHT первого интервала).", "The open items' age is not known: they count as arriving in the first interval of the horizon (deadline from the start, the first interval's AHT).";
    ForecastDeferredHint => "Отложенная работа — не очередь: обращение, пришедшее в интервал, нужно закрыть до конца срока, считая только рабочие интервалы (нерабочие часы и дни не идут в срок). Работа идёт по порядку поступления (FIFO), остаток переносится на следующие интервалы и дни. Потребность интервала = ⌈трудоёмкость обращений, у которых срок истекает в конце интервала / (длина интервала × продуктивная доля)⌉; трудоёмкость = обращения × AHT их интервала (Koole, 2013). Здесь «SL» — доля обращений, закрытых в срок; в плане сроки соблюдены везде. Сниженный SL, ASA и брошенные неприменимы.", "Deferred work is not a queue: an item arriving in an interval must be closed within the deadline, counted in open intervals only (closed hours and days do not count). Work is done in arrival order (FIFO); what is left is carried over to the next intervals and days. An interval's requirement = ⌈work of the items falling due at its end / (interval length × productive share)⌉; work = items × the AHT of their interval (Koole, 2013). Here \"SL\" is the share of items closed by their deadline; the plan meets every deadline. Lower SL, ASA and abandonment do not apply.";
    ForecastDeferredColMetFlat => "Закрыто в срок при фикс. численности", "Closed by the deadline with flat staffing";
    ForecastDeferredColMetStaffed => "Закрыто в срок при штате по данным", "Closed by the deadline with the data's staffing";
    ForecastDeferredPeakNote => "Отложенная работа: фиксированная численность и штат по данным применяются ко всем интервалам горизонта (с переносом остатка); доля закрытых в срок — среди обращений, срок которых истекает в этом интервале. Сниженного SL нет: сравнение равно цели.", "Deferred work: the flat staffing and the data's staffing apply to every interval of the horizon (backlog carried over); the share closed by the deadline is over the items falling due in that interval. No lower SL: the comparison equals the target.";
    ForecastDeferredShiftBelow => "Интервалов с просроченными обращениями", "Intervals with items past their deadline";
    ForecastDeferredShiftNote => "Отложенная работа: в ячейке покрытия «SL» — доля обращений со сроком в этом интервале, закрытых в срок при запланированных сменах (до этой недели — план потребности).", "Deferred work: the coverage cell's \"SL\" is the share of the items due in that interval closed by their deadline with the scheduled shifts (before this week: the requirement's plan).";
    NavKpi => "Показатели (KPI)", "KPI dashboard";
    NavForecast => "Прогноз и смены", "Forecast and shifts";
    NavBudget => "Бюджет", "Budget";
    NavOperators => "Операторы", "Operators";
    DataSetDemo => "Данные: демонстрационный центр (сгенерирован, seed 2024)", "Data: the demo centre (generated, seed 2024)";
    DataSetFiles => "Данные из файлов", "Data from files";
    Footer => "Формулы и источники — в «Как это посчитано». Эрланг C: никто не бросает трубку, линий без ограничения.", "Formulas and sources are under “How is this computed”. Erlang C assumes nobody abandons and lines are unlimited.";
    // What the data set covers (state::coverage).
    CovData => "Период", "Period";
    CovWithContacts => "с обращениями", "with contacts";
    CovCalendarDays => "календарных дней в периоде:", "calendar days in the period:";
    CovDayOne => "день", "day";
    CovDayFew => "дня", "days";
    CovDayMany => "дней", "days";
    CovWeekOne => "недели", "week";
    CovWeekMany => "недель", "weeks";
    CovInData => "в данных", "the data has";
    CovNeedBudget => "Для бюджета нужна история не менее", "The budget needs a history of at least";
    CovNeedBudgetAfter => "Месячный объём по такому короткому периоду не оценить: импортируйте более длинную историю.", "A month's volume cannot be estimated from so short a period: import a longer history.";
    CovNeedBacktest => "Для прогноза нужна история не менее", "The forecast backtest needs a history of at least";
    CovNeedBacktestAfter => "Точность методов не проверить; прогноз строится методом «сезонный наивный» (тот же день недели), если не выбран другой.", "Method accuracy cannot be checked; the forecast uses the seasonal naive method (the same weekday) unless another is chosen.";
    CovDataOf => "данных из", "of data of";
    CovScaled => "объём масштабирован", "volume scaled";
    CovScaledNote => "Неполные месяцы масштабированы: объём за день с обращениями × ожидаемые дни с обращениями в месяце (непокрытые дни открыты с той же долей, что в данных).", "Partial months are scaled: volume per day with contacts × the expected days with contacts in the month (the days not covered are open at the rate the data shows).";
    CovPartial => "неполный период:", "partial:";
    CovPartialRows => "Строки за неполный период (данные покрывают не все дни):", "Rows over a partial period (the data does not cover every day):";
    CovOf => "из", "of";
    CovDaysShort => "дн.", "days";
    CovMonth1 => "январь", "January";
    CovMonth2 => "февраль", "February";
    CovMonth3 => "март", "March";
    CovMonth4 => "апрель", "April";
    CovMonth5 => "май", "May";
    CovMonth6 => "июнь", "June";
    CovMonth7 => "июль", "July";
    CovMonth8 => "август", "August";
    CovMonth9 => "сентябрь", "September";
    CovMonth10 => "октябрь", "October";
    CovMonth11 => "ноябрь", "November";
    CovMonth12 => "декабрь", "December";
    // Practice: exam integrity.
    ExamRestored => "Экзамен продолжается: ответы и время восстановлены.", "The exam continues: answers and time were restored.";
    ExamPaperSeed => "Вариант экзамена", "Exam paper";
    ExamFreshPaper => "Для экзамена составлен новый вариант — не тот, что вы решали.", "The exam has a new paper, not the one you practised.";
    ExamPrintAfter => "Печать билета и ключа — после сдачи ответов.", "The sheet and key can be printed after the answers are submitted.";
    ExamTimeUp => "Время вышло: ответы сданы автоматически.", "Time is up: the answers were submitted automatically.";
    ExamCalculatorTab => "Калькулятор откроется в новой вкладке; экзамен и таймер продолжаются здесь.", "The calculator opens in a new tab; the exam and its timer go on here.";
    HistorySubmitted => "сдано", "submitted";
    HistoryUndated => "дата не записана", "date not recorded";
    ForecastFlatAuto => "Фиксированная численность по умолчанию — потребность в пиковом интервале; введите своё число, чтобы зафиксировать его.", "The flat staffing defaults to the requirement at the peak interval; type your own number to keep it.";
    ForecastCostAuto => "Стоимость часа взята из сохранённого бюджета (оплата труда на оплачиваемый час оператора).", "The hourly cost is taken from the saved budget (agents' labour per paid agent hour).";
    HeatmapDate => "Дата", "Date";
    NavLabel => "Разделы", "Sections";
    ShiftStartsCorner => "Смена и начало", "Shift and start";
    KpiOverviewTitle => "Главное за период", "Headlines for the period";
    KpiOverviewPeriod => "Период", "Period";
    KpiPeriodLatestMonth => "последний месяц", "latest month";
    KpiPeriodLatestWeek => "последняя неделя", "latest week";
    KpiPeriodLatestDay => "последний день", "latest day";
    KpiPeriodWhole => "весь набор данных", "whole data set";
    KpiOverviewVsPrevious => "к предыдущему периоду", "vs the previous period";
    KpiOverviewNoPrevious => "нет предыдущего периода в данных", "no previous period in the data";
    KpiOverviewPp => "п.п.", "pp";
    KpiOverviewSeconds => "с", "s";
    KpiOverviewPlan => "план", "plan";
    KpiOverviewNoTarget => "цели в плане нет", "no target in the plan";
    KpiPlanStatusMet => "✓ план выполнен", "✓ plan met";
    KpiPlanStatusNear => "≈ почти (в пределах 5 % цели)", "≈ near (within 5 % of the target)";
    KpiPlanStatusMissed => "✗ план не выполнен", "✗ plan missed";
    KpiOverviewHow => "Как это посчитано", "How is this computed";
    KpiOverviewSpark => "последние периоды (до 12)", "last periods (up to 12)";
    KpiOverviewWhy => "нет значения", "no value";
}

/// Translates a validation problem.
pub fn problem_text(lang: Lang, e: &FieldError) -> String {
    match &e.problem {
        Problem::NotFinite => Msg::ProbNotFinite.text(lang).to_string(),
        Problem::NotPositive => Msg::ProbNotPositive.text(lang).to_string(),
        Problem::Negative => Msg::ProbNegative.text(lang).to_string(),
        Problem::NotInteger => Msg::ProbNotInteger.text(lang).to_string(),
        Problem::OutOfRange { min, max, min_inclusive, max_inclusive } => {
            let (l, r) = (if *min_inclusive { '[' } else { '(' }, if *max_inclusive { ']' } else { ')' });
            format!(
                "{} {l}{}; {}{r}",
                Msg::ProbRange.text(lang),
                crate::format::plain(lang, *min),
                crate::format::plain(lang, *max)
            )
        }
        Problem::Unreadable { expected } => match *expected {
            e if e.contains("duration") => Msg::ProbUnreadableDuration.text(lang).to_string(),
            e if e.contains("percentage") => Msg::ProbUnreadablePercent.text(lang).to_string(),
            _ => Msg::ProbUnreadableNumber.text(lang).to_string(),
        },
        Problem::TooLarge { max } => format!("{} {}", Msg::ProbTooLarge.text(lang), crate::format::plain(lang, *max)),
    }
}

/// A column field as the mapping editor names it (RU and EN side by side;
/// the machine name, [`Field::name`], is shown next to it).
pub fn field_text(lang: Lang, field: Field) -> &'static str {
    use Field::*;
    let (ru, en) = match field {
        DateTime => ("дата и время", "date and time"),
        Date => ("дата", "date"),
        Time => ("время суток или интервал", "time of day or interval"),
        Queue => ("очередь (группа, услуга)", "queue (skill, service)"),
        Channel => ("канал", "channel"),
        Offered => ("поступило", "offered"),
        Answered => ("отвечено", "answered"),
        Abandoned => ("потеряно", "abandoned"),
        ShortAbandoned => ("короткие потери", "short abandons"),
        AnsweredWithinT => ("отвечено за T", "answered within T"),
        AbandonedWithinT => ("потеряно за T", "abandoned within T"),
        TalkAvg => ("средний разговор", "average talk"),
        HoldAvg => ("среднее удержание", "average hold"),
        AcwAvg => ("средняя постобработка", "average after-contact work"),
        Aht => ("среднее время обработки", "average handle time"),
        Asa => ("среднее время ответа", "average speed of answer"),
        AgentsStaffed => ("операторов на линии", "agents staffed"),
        ServiceLevel => ("уровень сервиса из отчёта", "service level as reported"),
        ContactId => ("номер звонка (идентификатор)", "contact identifier"),
        QueueEntry => ("время входа в очередь", "queue entry time"),
        QueueExit => ("время выхода из очереди", "queue exit time"),
        Outcome => ("результат звонка", "outcome"),
        Wait => ("ожидание в очереди", "wait in queue"),
        Talk => ("разговор", "talk"),
        Hold => ("удержание", "hold"),
        Acw => ("постобработка", "after-contact work"),
        Agent => ("оператор", "agent"),
        Transferred => ("переведён", "transferred"),
        Resolved => ("решён с первого обращения", "resolved at first contact"),
        Caller => ("номер клиента", "caller"),
        Csat => ("оценка удовлетворённости (1–5)", "satisfaction score (1–5)"),
        Nps => ("готовность рекомендовать (0–10)", "likelihood to recommend (0–10)"),
        Reason => ("тема обращения", "contact reason"),
        Complexity => ("сложность обращения", "complexity"),
        LoggedIn => ("время в системе", "logged-in time"),
        Available => ("время в готовности", "available time"),
        NotReady => ("время «не готов»", "not-ready time"),
        Scheduled => ("время по графику", "scheduled time"),
        Contacts => ("обработано обращений", "contacts handled"),
        ContactsPhone => ("обработано звонков", "calls handled"),
        ContactsEmail => ("обработано писем", "e-mails handled"),
        ContactsChat => ("обработано чатов", "chats handled"),
        ContactsMessenger => ("обработано сообщений в мессенджерах", "messenger conversations handled"),
        ContactsWebForm => ("обработано заявок с сайта", "web-form requests handled"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A kind of report in words.
pub fn kind_text(lang: Lang, kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Cdr => Msg::ImpKindCdr.text(lang),
        ReportKind::Interval => Msg::ImpKindInterval.text(lang),
        ReportKind::Agent => Msg::ImpKindAgent.text(lang),
    }
}

/// The language context: read with [`I18n::t`] inside reactive closures.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Russian for the engine's trace variants (by trace id); English is the engine's own text.
pub fn trace_variant(lang: Lang, id: &str, english: &'static str) -> &'static str {
    if lang == Lang::En {
        return english;
    }
    match id {
        "traffic" => "предлагаемая нагрузка (Эрланги)",
        "erlang_b" => "Эрланг B: заблокированные вызовы теряются, N линий",
        "erlang_c.p_wait" => "Эрланг C: вероятность ожидания (M/M/N, никто не бросает трубку)",
        "erlang_c.service_level" => {
            "модель Эрланга C: отвечено за T от всех поступивших (потерянных нет, поэтому все варианты Cisco совпадают)"
        }
        "erlang_c.asa" => "модель Эрланга C: среднее ожидание по всем вызовам, включая отвеченные сразу",
        "erlang_c.occupancy" => {
            "модельная загрузка (вариант a в definitions.md), не измеренная разговор/(разговор + простой)"
        }
        "fte.gross" => "деление на доступную долю времени (а не N × (1 + s))",
        "deferred.agents" => "отложенная работа: к сроку разобрано всё поступившее",
        "staffing.agents" => "Эрланг C, операторы на линии (нетто); все заданные цели выполняются одновременно",
        "kpi.service_level.aban_ignored" => "Cisco Aban-Ignored: потерянные за T исключены из знаменателя",
        "kpi.service_level.aban_negative" => "Cisco Aban-Negative: потерянные считаются против уровня сервиса",
        "kpi.service_level.aban_negative_short_excluded" => {
            "Cisco Aban-Negative, короткие потери исключены из поступивших"
        }
        "kpi.service_level.aban_positive" => {
            "Cisco Aban-Positive: потерянные за T считаются выполнившими цель (Amazon Connect «Service level X»)"
        }
        "kpi.service_level.aban_positive_short_excluded" => {
            "Cisco Aban-Positive, короткие потери исключены с обеих сторон"
        }
        "kpi.asa.answered_only" => "среднее ожидание в очереди только отвеченных обращений",
        "kpi.asa.all_contacts" => "среднее ожидание в очереди отвеченных и потерянных обращений",
        "kpi.abandonment.over_offered" => "потерянные / поступившие",
        "kpi.abandonment.over_queued" => "потерянные / поставленные в очередь (Amazon Connect)",
        "kpi.abandonment.short_excluded_over_offered" => "короткие потери исключены из потерянных и поступивших",
        "kpi.abandonment.short_excluded_over_answered_plus_abandoned" => {
            "короткие потери исключены, знаменатель — отвеченные + потерянные (Google CCAI Platform)"
        }
        "kpi.aht.talk_hold_acw" => "разговор + удержание + поствызывная обработка на обработанное обращение",
        "kpi.aht.talk_hold" => "поствызывная обработка (ACW) не включена в AHT",
        "kpi.aht.talk_only" => "удержание и поствызывная обработка не включены в AHT (только разговор)",
        "kpi.occupancy.measured" => "измеренная загрузка: обработка / (обработка + доступность)",
        "kpi.occupancy.utilization" => "утилизация: обработка / время в системе",
        "kpi.shrinkage.total" => "общий shrinkage: «не готов» + отсутствия / оплаченное время",
        "kpi.shrinkage.on_shift" => "shrinkage на смене: «не готов» / время в системе",
        "kpi.contacts_per_hour.logged_in" => "обработанных обращений на час в системе",
        "kpi.contacts_per_hour.paid" => "обработанных обращений на оплаченный час",
        "kpi.cost.fully_loaded.per_handled" => "полная стоимость на обработанное обращение",
        "kpi.cost.fully_loaded.per_offered" => "полная стоимость на поступившее (а не обработанное) обращение",
        "kpi.cost.fully_loaded.per_handled_minute" => "полная стоимость на минуту обработки",
        "kpi.cost.fully_loaded.per_agent_hour" => "полная стоимость на оплаченный час оператора",
        "kpi.cost.labour.per_handled" => "только фонд оплаты труда на обработанное обращение",
        "kpi.cost.labour.per_offered" => "только фонд оплаты труда на поступившее (а не обработанное) обращение",
        "kpi.cost.labour.per_handled_minute" => "только фонд оплаты труда на минуту обработки",
        "kpi.cost.labour.per_agent_hour" => "только фонд оплаты труда на оплаченный час оператора",
        "kpi.fte.divide_by_available_share" => "нетто делится на доступную долю 1 − s",
        "kpi.fte.net_times_one_plus_s" => "нетто × (1 + s) вместо нетто / (1 − s)",
        "budget.callback_fte" => {
            "доля c контактов — отложенная работа (раньше срок — раньше в работу), не в очереди Эрланга C"
        }
        "budget.realtime_fte" => "операторы Эрланга C по интервалам для (1 − c) контактов, в часах",
        "budget.abandons" => "перезвон не бросает трубку; очередь держит цель SL и измеренную долю брошенных",
        "budget.cash" => "кассовый метод: места списываются при покупке",
        "budget.pnl" => "метод начисления: места амортизируются равномерно",
        "budget.loaded_cost" => "налоги на оклад и премию; льготы добавляются после налогов",
        "budget.required_fte" => {
            "операторы Эрланга C по интервалам, суммированные в часы, делённые на доступную долю и оплачиваемые часы"
        }
        "budget.cost_per_offered_contact" => {
            "полная стоимость (P&L), знаменатель — поступившие обращения (включая ушедшие в IVR)"
        }
        "budget.cost_per_handled_contact" => "полная стоимость (P&L), знаменатель — обработанные обращения",
        "budget.cost_per_agent_hour" => "полная стоимость (P&L); оплаченные часы операторов и стажёров",
        "finance.roi" => "чистая доходность на затраты (0 — безубыточность)",
        "finance.bcr" => "отношение выгод к затратам (1 — безубыточность), это не ROI",
        "operators.robust_z" => {
            "робастный z-балл относительно группы коллег, односторонний p по нормальному закону, поправка BH"
        }
        "quality.score_ci" => "интервал Стьюдента, σ неизвестна",
        "customer.transfer_rate" => "переведённые / отвеченные обращения с отметкой о переводе",
        "customer.fcr_flagged" => "по отметке: решённые / отвеченные обращения с отметкой о решении",
        "customer.fcr_repeat_window" => "окно повторов: нет обращения того же клиента в течение W после (W = 24 ч)",
        "customer.csat_mean" => "средняя оценка по шкале 1–5",
        "customer.csat_top2_box" => "top-2-box: доля ответов 4 или 5 из 5",
        "customer.nps" => "% промоутеров (9–10) − % критиков (0–6) среди ответов 0–10",
        _ => english,
    }
}

/// Russian for the meaning of a trace symbol; English is the engine's own text.
pub fn trace_meaning(lang: Lang, symbol: &str, english: &'static str) -> &'static str {
    if lang == Lang::En {
        return english;
    }
    // KPI dashboard inputs (engine dashboard/kpi/plan traces), by their English text.
    let kpi = match english {
        "total after-contact work" => "суммарная поствызывная обработка (ACW)",
        "total talk time" => "суммарное время разговора",
        "total hold time" => "суммарное время удержания",
        "paid absence" => "оплаченное отсутствие",
        "answered within T" => "отвечено за T",
        "abandoned within T" => "потеряно за T",
        "contacts handled" => "обработано обращений",
        "contacts offered" => "поступило обращений",
        "handled minutes (talk + hold + ACW)" => "минуты обработки (разговор + удержание + ACW)",
        "paid agent hours" => "оплаченные часы операторов",
        "handle time (talk + hold + ACW)" => "время обработки (разговор + удержание + ACW)",
        "available (idle) time" => "время в готовности (простой)",
        "logged-in time" => "время в системе",
        "not-ready time while logged in" => "время «не готов» в системе",
        "abandoned" => "потеряно",
        "answered" => "отвечено",
        "handled" => "обработано",
        "offered" => "поступило",
        "paid time" => "оплаченное время",
        "queued" => "поставлено в очередь",
        "short abandons" => "короткие потери",
        "short-abandon threshold" => "порог короткой потери",
        "total wait of abandoned contacts" => "суммарное ожидание потерянных обращений",
        "total wait of answered contacts" => "суммарное ожидание отвеченных обращений",
        "agent-report rows (agent × day) summed into this row" => {
            "строки отчёта по операторам (оператор × день), суммированные в эту строку"
        }
        "interval rows summed into this row" => "интервальные строки, суммированные в эту строку",
        "facilities cost" => "затраты на помещения",
        "agent labour cost" => "фонд оплаты труда операторов",
        "overhead cost" => "накладные расходы",
        "technology cost" => "затраты на технологии",
        "telephony cost" => "затраты на телефонию",
        "the row's value in the chosen variant" => "значение строки в выбранном варианте",
        "the target for the row" => "цель для строки",
        "monthly budget entered" => "введённый месячный бюджет",
        "transferred contacts" => "переведённые обращения",
        "answered contacts with a transfer flag" => "отвеченные обращения с отметкой о переводе",
        "contacts marked resolved" => "обращения с отметкой «решено»",
        "answered contacts with a resolution flag" => "отвеченные обращения с отметкой о решении",
        "answered contacts followed by a repeat within W" => {
            "отвеченные обращения, после которых клиент обратился снова в пределах W"
        }
        "answered contacts with a caller id" => "отвеченные обращения с номером клиента",
        "sum of CSAT scores" => "сумма оценок CSAT",
        "CSAT survey answers" => "ответы на опрос CSAT",
        "CSAT answers of 4 or 5" => "ответы CSAT с оценкой 4 или 5",
        "promoters (answers 9–10)" => "промоутеры (ответы 9–10)",
        "detractors (answers 0–6)" => "критики (ответы 0–6)",
        "NPS survey answers" => "ответы на опрос NPS",
        _ => "",
    };
    if !kpi.is_empty() {
        return kpi;
    }
    match symbol {
        "A" => "предлагаемая нагрузка",
        "N" => "операторы",
        "B" => "Эрланг B при N",
        "C" => "вероятность ожидания",
        "T" => "порог уровня сервиса",
        "AHT" => "среднее время обработки (разговор + удержание + поствызывная обработка)",
        "calls" => "звонков за интервал",
        "interval" => "длина интервала",
        "N_net" => "операторов на линии (нетто)",
        "s" => "shrinkage (потери рабочего времени)",
        "X" => "цель по уровню сервиса",
        "ASA_max" => "цель по ASA",
        "ρ_max" => "максимальная загрузка",
        _ => english,
    }
}

/// Nouns that follow a count, with every form they take: Russian one / few /
/// many ([`callcalc_engine::plural::RuPlural`]), English singular / plural.
/// Use through [`crate::plural::count`].
macro_rules! nouns {
    ($($key:ident => [$ru1:expr, $ru2:expr, $ru5:expr], [$en1:expr, $en2:expr];)*) => {
        /// A noun shown after a number.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Noun { $($key),* }

        impl Noun {
            /// Every noun, for completeness tests.
            pub const ALL: &'static [Noun] = &[$(Noun::$key),*];

            /// Russian forms `[one, few, many]`.
            pub fn ru(self) -> [&'static str; 3] {
                match self { $(Noun::$key => [$ru1, $ru2, $ru5]),* }
            }

            /// English forms `[singular, plural]`.
            pub fn en(self) -> [&'static str; 2] {
                match self { $(Noun::$key => [$en1, $en2]),* }
            }
        }
    };
}

nouns! {
    Interval => ["интервал", "интервала", "интервалов"], ["interval", "intervals"];
    AgentReportRow => ["строка отчёта по операторам", "строки отчёта по операторам", "строк отчёта по операторам"], ["agent-report row", "agent-report rows"];
    ForecastDay => ["прогнозный день", "прогнозных дня", "прогнозных дней"], ["forecast day", "forecast days"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_text_in_both_languages() {
        for m in Msg::ALL {
            for l in Lang::ALL {
                assert!(!m.text(l).trim().is_empty(), "{m:?} is empty in {l:?}");
            }
        }
        let same: Vec<_> = Msg::ALL.iter().filter(|m| m.text(Lang::Ru) == m.text(Lang::En)).collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
    }

    #[test]
    fn language_codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("de"), None);
    }
}
