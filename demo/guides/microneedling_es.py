"""Demo guide in Spanish: microneedling, a translation of the English guide (``microneedling.py``)
with every one of its sections. Written for a patient who reads little: short sentences, "usted",
no promises. Its facts are the English guide's, nothing more. Sample content, not medical advice."""

from ..values import (
    benefit,
    milestone,
    period,
    question,
    reference,
    risk,
    saved,
    step,
    todo,
    warning,
)

MICRONEEDLING_ES = {
    "translation_of": "microneedling",
    "slug": "microagujas",
    "title": "Microagujas (microneedling)",
    "summary": (
        "Con las microagujas se hacen heridas muy pequeñas en la piel. Al sanar, la piel hace "
        "más colágeno. Esto puede ayudar con cicatrices, líneas finas y manchas."
    ),
    "session_time": "Depende de la zona; pregunte en su clínica",
    "sessions_needed": "A menudo más de 1, con unas semanas entre ellas",
    "recovery_time": "Piel roja unos días, hasta una semana",
    "numbing": "A menudo le ponen una crema para no sentir dolor",
    "results_timeline": "Algún cambio en unas semanas, más con los meses",
    "concerns": ["acne-scars", "fine-lines-wrinkles", "stretch-marks", "uneven-skin-tone"],
    "body": [
        (
            "overview",
            {
                "heading": "Qué es",
                "sources": "1, 3",
                "text": (
                    "<p>Este tratamiento también se llama <i>terapia de inducción de "
                    "colágeno</i>. Una persona con formación pasa una pequeña herramienta por su "
                    "piel. La herramienta tiene agujas muy finas. Con ellas hace heridas muy "
                    "pequeñas en la capa de arriba de la piel.</p>"
                    "<p>Luego su piel empieza a sanar sola. Al sanar, hace más colágeno y "
                    "elastina. Estas ayudan a que la piel esté firme y lisa. También la ayudan a "
                    "estirarse y volver a su forma.</p>"
                    "<p>Por eso el cambio llega despacio. Su piel necesita tiempo para hacer "
                    "colágeno nuevo.</p>"
                ),
            },
        ),
        (
            "benefits",
            {
                "heading": "En qué puede ayudar",
                "sources": "2, 4",
                "intro": "El cambio no es igual en todos. Las microagujas pueden ayudar con:",
                "benefits": [
                    benefit(
                        "Líneas finas y arrugas", "El colágeno nuevo puede suavizar las líneas."
                    ),
                    benefit(
                        "Piel áspera o de color desigual",
                        "Su piel puede sentirse más lisa. Su color puede verse más parejo.",
                    ),
                    benefit(
                        "Cicatrices y estrías",
                        "Las cicatrices de acné o de una cirugía y las estrías pueden verse mejor.",
                    ),
                    benefit("Manchas oscuras", "Las manchas oscuras pueden aclararse."),
                    benefit(
                        "Cremas que entran mejor",
                        "Por los canales tan pequeños, las cremas pueden entrar mejor en la piel.",
                    ),
                ],
            },
        ),
        (
            "suitability",
            {
                "heading": "¿Es para mí?",
                "sources": "1",
                "suits": [
                    "Tiene cicatrices de acné o de una cirugía, o tiene estrías",
                    "Tiene líneas finas o arrugas",
                    "Su piel está áspera o su color no es parejo",
                    "Tiene manchas oscuras y quiere que se aclaren",
                    "Puede esperar semanas o meses para ver el cambio",
                ],
                "not_suitable": [
                    "Tiene una infección, un fuego en el labio o una herida abierta en esa zona",
                    "En la primera cita, su especialista ve que no es bueno para su piel",
                ],
                "note": (
                    "Antes de nada, su especialista mira su piel y le pregunta por su salud. "
                    "Dígale qué medicinas toma. Cuéntele qué problemas de piel ha tenido."
                ),
            },
        ),
        (
            "preparation",
            {
                "heading": "Antes del tratamiento",
                "intro": "Su especialista le dirá qué hacer. Esto es lo más común.",
                "items": [
                    todo("Primero", "Pida una primera cita para que vean su piel."),
                    todo(
                        "En la primera cita",
                        "Hable de su salud, de sus medicinas y de lo que se pone en la piel.",
                    ),
                    todo(
                        "En la primera cita",
                        "Diga qué quiere lograr. Pregunte cuántas sesiones puede necesitar.",
                    ),
                    todo(
                        "El día de la cita",
                        "Su piel va a estar roja unos días. Tenga esto en cuenta.",
                    ),
                    todo(
                        "El día de la cita", "Lleve un sombrero y protector solar para la vuelta."
                    ),
                ],
            },
        ),
        (
            "procedure",
            {
                "heading": "Qué pasa en la cita",
                "sources": "1, 3",
                "intro": "",
                "steps": [
                    step(
                        "Revisión",
                        "Su especialista mira su piel y le pregunta por su salud. Entre los dos "
                        "deciden si este tratamiento es bueno para usted.",
                    ),
                    step(
                        "Limpieza y crema para el dolor",
                        "Le limpian la piel. Puede que le pongan una crema para que no le duela "
                        "tanto.",
                    ),
                    step(
                        "Microagujas",
                        "Su especialista pasa la herramienta por su piel. Hace muchas heridas muy "
                        "pequeñas. Las agujas entran más o menos según lo que quiere tratar.",
                    ),
                    step(
                        "Sérum o PRP",
                        "Puede que le pongan un sérum en la piel. Puede tener ácido hialurónico "
                        "o factores de crecimiento. Algunas clínicas usan PRP. El PRP sale de un "
                        "poco de su propia sangre.",
                    ),
                    step(
                        "Consejos para la casa",
                        "Le dicen cómo cuidar su piel en casa. Casi siempre debe evitar el sol y "
                        "usar cosas suaves en la piel.",
                    ),
                ],
                "total_time": "",
            },
        ),
        (
            "callout",
            {
                "tone": "important",
                "heading": "Las agujas, solo con una persona con formación",
                "text": (
                    "<p>Las agujas que entran en la piel deben estar estériles, sin gérmenes. "
                    "Una persona con formación sabe hasta dónde debe llegar en su piel. No haga "
                    "este tratamiento en casa. Pregunte a su especialista antes de usar un "
                    "rodillo de agujas en casa.</p>"
                ),
            },
        ),
        (
            "risks",
            {
                "heading": "Riesgos y efectos",
                "sources": "1, 2",
                "intro": (
                    "Casi siempre son leves y duran poco. Se sienten como una quemadura de sol "
                    "leve."
                ),
                "common": [
                    risk(
                        "Piel roja",
                        "Su piel puede verse rosada o roja. Casi siempre se quita en unos días o "
                        "en una semana.",
                    ),
                    risk(
                        "Un poco de hinchazón",
                        "Su piel puede verse algo hinchada. Esto baja a medida que sana.",
                    ),
                    risk(
                        "Piel sensible o que duele",
                        "Su piel puede arder o doler unos días. Las cremas suaves ayudan.",
                    ),
                ],
                "rare": [
                    risk(
                        "Infección",
                        "Es rara si la clínica usa agujas y equipos estériles. Más abajo verá las "
                        "señales de alarma.",
                    ),
                    risk(
                        "Alergia",
                        "Una crema o un sérum puede dar una reacción. Esto es raro. Una reacción "
                        "fuerte es una emergencia.",
                    ),
                ],
            },
        ),
        (
            "aftercare",
            {
                "heading": "Cómo cuidar su piel después",
                "sources": "1",
                "intro": "Haga lo que le diga su especialista. Puede ser algo distinto a esto.",
                "timeline": [
                    period(
                        "Las primeras 24 horas",
                        "Su piel va a estar roja, como con una quemadura de sol leve",
                        "Lávese la cara con cuidado, con un jabón suave",
                        "No se ponga al sol",
                        "Tome mucha agua",
                    ),
                    period(
                        "Del día 2 al día 7",
                        "Use solo cremas y jabones suaves",
                        "Póngase protector solar cada mañana",
                        "La piel roja y la hinchazón deben bajar cada día",
                    ),
                    period(
                        "Después de la primera semana",
                        "Vuelva a sus cremas de siempre si su especialista le dice que puede",
                        "Siga con el protector solar todos los días",
                    ),
                ],
                "dos": [
                    "Use cremas y jabones suaves",
                    "Use protector solar todos los días, aunque esté nublado",
                    "Tome mucha agua",
                    "Siga el plan de cuidado que le den",
                ],
                "donts": [
                    "No tome el sol ni use camas de bronceado",
                    "No se frote la piel ni use productos fuertes",
                    "No se toque ni se rasque la piel mientras sana",
                ],
            },
        ),
        warning(
            "urgent",
            "Señales de infección",
            "Llame a la clínica el mismo día si tiene:",
            [
                "La piel más roja o más hinchada después de 2 días",
                "Un dolor que va a peor, no a mejor",
                "Pus, costras amarillas o mal olor",
                "Fiebre, o se siente mal",
                "La piel roja más de una semana",
            ],
            "Llame a la clínica hoy. Si está cerrada, vaya a urgencias.",
        ),
        warning(
            "emergency",
            "Señales de una alergia grave",
            "Llame al 911 ya mismo si tiene:",
            [
                "Le cuesta respirar o tragar",
                "Se le hincha la cara, los labios, la lengua o la garganta",
                "Ronchas o granitos en la piel que se extienden rápido",
                "Se siente débil o se marea",
            ],
            "Llame al 911 ahora. No vaya al hospital manejando usted.",
        ),
        (
            "results",
            {
                "heading": "Resultados y sesiones de repaso",
                "sources": "2, 4",
                "text": (
                    "<p>El cambio llega despacio y crece con el tiempo. Su piel necesita tiempo "
                    "para hacer colágeno nuevo. No es igual para todos.</p>"
                    "<p>Puede que necesite más de 1 sesión. A menudo hay unas semanas entre una "
                    "y otra. Su especialista le dirá qué plan es bueno para su piel.</p>"
                ),
                "milestones": [
                    milestone("En la primera semana", "La piel roja y la hinchazón se quitan."),
                    milestone(
                        "Después de unas semanas",
                        "Muchas personas ven la piel más lisa y el color más parejo.",
                    ),
                    milestone(
                        "Con los meses",
                        "Su piel puede seguir mejorando mientras hace más colágeno.",
                    ),
                ],
                "maintenance": (
                    "Más sesiones pueden ayudar a que el cambio dure. Pregunte cada cuánto las "
                    "necesita."
                ),
            },
        ),
        (
            "choosing_provider",
            {
                "heading": "Cómo elegir dónde hacerlo",
                "intro": "Tómese su tiempo para elegir. Mire que:",
                "checklist": [
                    "Sepa hacer microagujas y lo haya hecho muchas veces",
                    "La clínica esté limpia y siga reglas de seguridad estrictas",
                    "Use agujas y equipos estériles",
                    "Otros pacientes hablen bien de su trabajo",
                    "Haga un plan para su piel y para lo que usted quiere",
                ],
                "questions": [
                    "¿Cuántas veces ha hecho microagujas?",
                    "¿Cómo mantiene sus agujas y equipos estériles?",
                    "¿Cuántas sesiones cree que voy a necesitar?",
                    "¿Qué cambio puedo esperar en mi piel?",
                    "¿A quién llamo si tengo un problema después?",
                ],
            },
        ),
        (
            "faqs",
            {
                "heading": "Preguntas que hace la gente",
                "questions": [
                    question(
                        "¿Duelen las microagujas?",
                        "<p>A menudo le ponen antes una crema para que no le duela tanto. Luego, "
                        "la piel puede doler un poco, como con una quemadura de sol leve.</p>",
                    ),
                    question(
                        "¿Cuándo voy a ver el cambio?",
                        "<p>Muchas personas ven la piel más lisa en unas semanas. Su piel puede "
                        "seguir mejorando unos meses, mientras hace colágeno nuevo.</p>",
                    ),
                    question(
                        "¿Cuántas sesiones voy a necesitar?",
                        "<p>Depende de su piel y de lo que quiere lograr. Muchas personas "
                        "necesitan más de 1 sesión, con unas semanas entre ellas. Su especialista "
                        "hará un plan con usted.</p>",
                    ),
                    saved("make-up"),
                    saved("insurance"),
                    saved("darker-skin"),
                ],
            },
        ),
        (
            "references",
            {
                "heading": "Fuentes",
                "references": [
                    reference(
                        "Microneedling: a review and practical guide",
                        "Alster TS, Graham PM",
                        "Dermatologic Surgery",
                        2018,
                        doi="10.1097/DSS.0000000000001248",
                        pmid="28796657",
                    ),
                    reference(
                        "Review of applications of microneedling in dermatology",
                        "Iriarte C, Awosika O, Rengifo-Pardo M, Ehrlich A",
                        "Clinical, Cosmetic and Investigational Dermatology",
                        2017,
                    ),
                    reference(
                        "Microneedling: advances and widening horizons",
                        "Singh A, Yadav S",
                        "Indian Dermatology Online Journal",
                        2016,
                        doi="10.4103/2229-5178.185468",
                    ),
                    reference(
                        "Microneedling for the treatment of scars: an update for clinicians",
                        "Juhasz MLW, Cohen JL",
                        "Clinical, Cosmetic and Investigational Dermatology",
                        2020,
                        doi="10.2147/CCID.S267192",
                        pmid="33376377",
                    ),
                ],
            },
        ),
    ],
}
