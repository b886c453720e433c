"""The demo site's Spanish words: the Spanish home, treatments index and word list, and Spanish
versions of the skin concerns, shared FAQs and glossary terms, each keyed by the English one it
translates. The Spanish guides are in ``demo/guides/*_es.py``.

Writing rules: plain, warm Spanish a patient who reads little understands; short sentences,
"usted", no promises. ``tests/test_demo_spanish.py`` checks each Spanish guide reaches the
INFLESZ target.
"""

LANGUAGE = "es"

HOME = {
    "title": "Guías para pacientes",
    "slug": "inicio",
    "intro": (
        "Guías claras y sencillas sobre tratamientos de la piel. Sepa qué pasa, cómo prepararse "
        "y cómo cuidar su piel después."
    ),
}

TREATMENTS_INDEX = {
    "title": "Tratamientos",
    "slug": "tratamientos",
    "intro": (
        "<p>Todas las guías, de la A a la Z. Elija un problema de la piel para ver sus guías.</p>"
    ),
}

GLOSSARY_PAGE = {
    "title": "Lista de palabras",
    "slug": "lista-de-palabras",
    "intro": "Las palabras médicas de nuestras guías, explicadas con palabras sencillas.",
}

# The notice every page in Spanish shows (home.UrgentHelpSettings, its Spanish version).
URGENT_HELP = {
    "heading": "¿Necesita ayuda ya?",
    "message": (
        "<p><b>Llame al 911</b> si le cuesta respirar, o si se le hincha la cara, los labios o "
        "la garganta.</p><p>Si algo le preocupa después de un tratamiento, llame a la clínica. "
        "Si la clínica está cerrada, vaya a urgencias.</p>"
    ),
    "phone": "555-0102",  # the clinic's line answered in Spanish
}

# English concern slug -> the Spanish concern.
CONCERNS = {
    "acne-scars": {
        "slug": "cicatrices-de-acne",
        "name": "Cicatrices de acné",
        "description": "Marcas u hoyos que quedan en la piel cuando se cura el acné.",
    },
    "fine-lines-wrinkles": {
        "slug": "lineas-finas-y-arrugas",
        "name": "Líneas finas y arrugas",
        "description": "Líneas que salen con la edad, o por el sol y al sonreír.",
    },
    "enlarged-pores": {
        "slug": "poros-abiertos",
        "name": "Poros abiertos",
        "description": "Poros que se ven grandes, sobre todo en la nariz y las mejillas.",
    },
    "uneven-skin-tone": {
        "slug": "tono-de-piel-desigual",
        "name": "Tono de piel desigual",
        "description": "Manchas oscuras que hacen que el color de su piel no se vea parejo.",
    },
    "stretch-marks": {
        "slug": "estrias",
        "name": "Estrías",
        "description": "Líneas en la piel tras crecer rápido, cambiar de peso o un embarazo.",
    },
    "dull-skin": {
        "slug": "piel-apagada",
        "name": "Piel apagada",
        "description": "Piel que se ve cansada o que está áspera.",
    },
    "sun-damage": {
        "slug": "dano-por-el-sol",
        "name": "Daño por el sol",
        "description": "Manchas, zonas ásperas y líneas por muchos años de sol.",
    },
}

# Shared FAQ key (demo.content.SHARED_FAQS) -> the Spanish question and answer.
SHARED_FAQS = {
    "make-up": {
        "question": "¿Puedo maquillarme después del tratamiento?",
        "answer": (
            "<p>Depende del tratamiento. Después de uno suave, a menudo puede maquillarse el "
            "mismo día. Si tiene la piel roja o le duele, casi todas las clínicas le piden "
            "esperar al menos un día.</p><p>Pregunte qué es mejor para usted. Use brochas "
            "limpias cuando vuelva a maquillarse.</p>"
        ),
    },
    "insurance": {
        "question": "¿Lo paga mi seguro médico?",
        "answer": (
            "<p>Lo más seguro es que no. El seguro médico casi nunca paga tratamientos que "
            "cambian cómo se ve la piel. Pregunte a su seguro antes de pedir cita.</p>"
            "<p>Pida a la clínica el precio total por escrito. Pregunte cuánto cuestan todas "
            "las sesiones.</p>"
        ),
    },
    "darker-skin": {
        "question": "¿Es seguro si tengo la piel oscura?",
        "answer": (
            "<p>A menudo, sí. Pero los riesgos no son iguales para todos. En la piel oscura, "
            "algunos tratamientos pueden dejar manchas oscuras o claras. Pueden tardar meses en "
            "irse.</p><p>Elija a alguien que haya tratado a muchas personas con una piel como "
            "la suya. Pregunte qué hace para bajar este riesgo.</p>"
        ),
    },
}

# English glossary slug -> the Spanish term. "patient_words": the everyday Spanish words
# patients search with ("marcas de acné" finds the acne scar guides).
GLOSSARY_TERMS = {
    "acne-scars": {
        "term": "Cicatrices de acné",
        "slug": "cicatrices-de-acne",
        "explanation": "Marcas que quedan cuando se cura el acné. Algunas son hoyitos en la piel.",
        "other_forms": "cicatriz de acné, cicatrices del acné",
        "patient_words": "marcas de acné, hoyos del acné, huecos en la piel, marcas de granos",
    },
    "collagen": {
        "term": "Colágeno",
        "slug": "colageno",
        "explanation": (
            "Una proteína que mantiene la piel firme y fuerte. El cuerpo hace menos con la edad."
        ),
        "other_forms": "",
        "patient_words": "",
    },
    "elastin": {
        "term": "Elastina",
        "slug": "elastina",
        "explanation": "Una proteína que deja que la piel se estire y vuelva a su forma.",
        "other_forms": "",
        "patient_words": "",
    },
    "hyaluronic-acid": {
        "term": "Ácido hialurónico",
        "slug": "acido-hialuronico",
        "explanation": "Un gel que hace el cuerpo. Guarda agua y ayuda a que la piel se vea llena.",
        "other_forms": "",
        "patient_words": "hialurónico",
    },
    "hyperpigmentation": {
        "term": "Hiperpigmentación",
        "slug": "hiperpigmentacion",
        "explanation": "Zonas de la piel más oscuras que la piel de alrededor.",
        "other_forms": "",
        "patient_words": "manchas oscuras, manchas del sol, paño, manchas de la edad",
    },
    "isotretinoin": {
        "term": "Isotretinoína",
        "slug": "isotretinoina",
        "explanation": (
            "Una medicina fuerte para el acné grave. Se toma en pastillas. Hace que la piel "
            "tarde en sanar."
        ),
        "other_forms": "",
        "patient_words": "",
    },
    "prp": {
        "term": "PRP",
        "slug": "prp",
        "explanation": (
            "Plasma rico en plaquetas: una parte de su propia sangre que puede ayudar a sanar."
        ),
        "other_forms": "plasma rico en plaquetas",
        "patient_words": "facial de vampiro",
    },
    "retinol": {
        "term": "Retinol",
        "slug": "retinol",
        "explanation": (
            "Una forma de vitamina A que llevan muchas cremas. Puede hacer la piel más sensible."
        ),
        "other_forms": "retinoide, retinoides",
        "patient_words": "crema de vitamina A",
    },
    "rosacea": {
        "term": "Rosácea",
        "slug": "rosacea",
        "explanation": (
            "Un problema de la piel que dura mucho. Pone roja la cara, y a veces salen granitos."
        ),
        "other_forms": "",
        "patient_words": "cara roja",
    },
    "spf": {
        "term": "FPS",
        "slug": "fps",
        "explanation": (
            "Factor de protección solar: cuánto protege una crema de los rayos del sol que "
            "queman. Use 30 o más."
        ),
        "other_forms": "SPF",
        "patient_words": "bloqueador solar, crema para el sol",
    },
}
