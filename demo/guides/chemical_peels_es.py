"""Demo guide in Spanish: chemical peels, a translation of the English guide
(``chemical_peels.py``) as it was first published, with every one of its sections. The demo then
improves the English guide, so this translation is the demo's example of one that is out of date
with its English source. Sample content, not medical advice."""

from ..values import benefit, period, question, risk, saved, step, todo, warning

CHEMICAL_PEELS_ES = {
    "translation_of": "chemical-peels",
    "slug": "peeling-quimico",
    "title": "Peeling químico",
    "summary": (
        "Un peeling químico usa un ácido suave para quitar la capa de arriba de la piel. En su "
        "lugar sale piel nueva. Un peeling suave puede ayudar con la piel apagada, las manchas "
        "y las líneas finas."
    ),
    "session_time": "A menudo 30 minutos o menos si es un peeling suave",
    "sessions_needed": "A menudo unas pocas, con semanas entre ellas",
    "recovery_time": "Piel roja y que se pela, hasta una semana",
    "numbing": "No suele hacer falta en un peeling suave",
    "results_timeline": "Cuando la piel ya se peló, a menudo en 1 o 2 semanas",
    "concerns": ["uneven-skin-tone", "sun-damage", "dull-skin", "fine-lines-wrinkles"],
    "body": [
        (
            "overview",
            {
                "heading": "Qué es",
                "text": (
                    "<p>Un peeling químico es un líquido con un ácido suave. Su especialista lo "
                    "pone en su piel con una brocha y lo deja poco tiempo. En los días "
                    "siguientes, la capa de arriba de la piel se cae en escamas. Debajo se ve "
                    "una piel más nueva y lisa.</p>"
                    "<p>Hay peelings de 3 fuerzas: suave, medio y profundo. Esta guía habla del "
                    "peeling suave. Es el más suave y la piel sana antes. Los peelings medios y "
                    "profundos llegan más hondo y la piel tarda más en sanar.</p>"
                ),
            },
        ),
        (
            "benefits",
            {
                "heading": "En qué puede ayudar",
                "intro": "Casi todos necesitan varios peelings para ver un cambio. Un peeling "
                "suave puede ayudar con:",
                "benefits": [
                    benefit("Piel apagada", "Su piel puede verse con más brillo y más lisa."),
                    benefit(
                        "Color desigual",
                        "Las manchas oscuras por el sol pueden aclararse en varias sesiones.",
                    ),
                    benefit(
                        "Líneas finas",
                        "Las líneas finas pueden verse algo más suaves. Un peeling suave no quita "
                        "las arrugas hondas.",
                    ),
                    benefit(
                        "Poros tapados",
                        "Algunos peelings ayudan a limpiar los poros tapados y el acné leve.",
                    ),
                ],
            },
        ),
        (
            "suitability",
            {
                "heading": "¿Es para mí?",
                "suits": [
                    "Su piel se ve apagada o está áspera",
                    "Tiene manchas oscuras o un color desigual por el sol",
                    "Tiene líneas finas, no arrugas hondas",
                    "Puede evitar el sol fuerte mientras su piel sana",
                ],
                "not_suitable": [
                    "Tiene una infección, fuegos en el labio o heridas abiertas en esa zona",
                    "Ahora tiene la piel quemada por el sol o muy adolorida",
                    "Toma isotretinoína para el acné, o la tomó en el último año. Pregunte a su "
                    "médico.",
                    "Está embarazada o da el pecho, salvo que su médico le diga que puede",
                ],
                "note": (
                    "Dígale a su especialista si le salen fuegos en el labio. Un peeling puede "
                    "hacer que le salga uno. Le pueden dar una medicina para evitarlo."
                ),
            },
        ),
        (
            "preparation",
            {
                "heading": "Antes del tratamiento",
                "intro": "",
                "items": [
                    todo(
                        "En la primera cita",
                        "Hable de sus medicinas y de lo que se pone en la piel. Diga si le salen "
                        "fuegos en el labio.",
                    ),
                    todo("Las semanas antes", "Evite el sol fuerte. Use protector solar cada día."),
                    todo(
                        "Más o menos 1 semana antes",
                        "Deje el retinol y otras cremas fuertes si se lo piden.",
                    ),
                    todo("Más o menos 1 semana antes", "No se depile esa zona con cera ni crema."),
                    todo("El día de la cita", "Venga con la cara limpia y sin maquillaje."),
                ],
            },
        ),
        (
            "procedure",
            {
                "heading": "Qué pasa en la cita",
                "intro": "",
                "steps": [
                    step(
                        "Limpieza",
                        "Su especialista le limpia la piel para quitar la grasa. Puede que le "
                        "tape los ojos y el pelo.",
                    ),
                    step(
                        "Poner el peeling",
                        "Le pone el líquido en la piel con una brocha. Lo normal es sentir calor, "
                        "picor o ardor.",
                        "Unos minutos",
                    ),
                    step(
                        "Quitar el peeling",
                        "Después de un rato fijo, le lavan el peeling o lo paran. Un ventilador "
                        "pequeño o algo frío calma el ardor.",
                    ),
                    step(
                        "Crema para calmar",
                        "Le ponen una crema suave y protector solar antes de irse a casa.",
                    ),
                ],
                "total_time": "A menudo 30 minutos o menos",
            },
        ),
        (
            "risks",
            {
                "heading": "Riesgos y efectos",
                "intro": "Con un peeling suave, casi siempre son leves y se quitan solos.",
                "common": [
                    risk(
                        "Ardor",
                        "Puede sentir calor o ardor mientras tiene el peeling puesto. Se quita "
                        "poco después.",
                    ),
                    risk(
                        "Piel roja",
                        "Su piel puede verse roja unos días, como con una quemadura de sol leve.",
                    ),
                    risk(
                        "Piel seca que se pela",
                        "Su piel puede pelarse o soltar escamas de 3 a 7 días. Es normal.",
                    ),
                ],
                "rare": [
                    risk(
                        "Manchas oscuras o claras",
                        "A algunas personas les salen manchas de otro color. Pasa más en la piel "
                        "oscura. Casi siempre se van, pero pueden tardar meses.",
                    ),
                    risk(
                        "Fuegos en el labio",
                        "Un peeling puede hacer que le salga uno si suelen salirle.",
                    ),
                    risk("Infección o cicatrices", "Son raras después de un peeling suave."),
                ],
            },
        ),
        (
            "aftercare",
            {
                "heading": "Cómo cuidar su piel después",
                "intro": "",
                "timeline": [
                    period(
                        "Las primeras 24 horas",
                        "Lávese con agua fresca y un jabón suave",
                        "Use una crema hidratante simple y suave",
                        "No se ponga al sol",
                    ),
                    period(
                        "Del día 2 al día 7",
                        "Deje que la piel se pele sola",
                        "Siga con la crema hidratante y el protector solar",
                        "Use sombrero cuando salga",
                    ),
                    period(
                        "Cuando la piel ya no se pele",
                        "Vuelva a sus cremas de siempre cuando su especialista le diga",
                        "Siga con el protector solar todos los días",
                    ),
                ],
                "dos": [
                    "Use un protector solar de amplio espectro, FPS 30 o más",
                    "Mantenga la piel húmeda con una crema suave",
                    "Llame a la clínica si algo le preocupa",
                ],
                "donts": [
                    "No se arranque la piel que se pela",
                    "No se frote la cara ni use productos fuertes",
                    "No use camas de bronceado",
                ],
            },
        ),
        warning(
            "urgent",
            "Cuándo pedir ayuda",
            "Llame a la clínica el mismo día si tiene:",
            [
                "Ampollas, o piel abierta y en carne viva",
                "Dolor o hinchazón que va a peor",
                "Pus, costras amarillas o fiebre",
                "La piel roja más de una semana",
            ],
            "Llame a la clínica hoy. Si está cerrada, vaya a urgencias. Si le cuesta respirar, o "
            "se le hincha la cara o la garganta, llame al 911.",
        ),
        (
            "faqs",
            {
                "heading": "Preguntas que hace la gente",
                "questions": [
                    question(
                        "¿Duele un peeling químico?",
                        "<p>Casi todos sienten calor o ardor unos minutos. Se pasa poco después "
                        "de quitar el peeling.</p>",
                    ),
                    question(
                        "¿Se me va a pelar mucho la piel?",
                        "<p>Después de un peeling suave, casi todos se pelan un poco. A algunos "
                        "casi no se les pela. Aun así, el peeling puede funcionar.</p>",
                    ),
                    saved("make-up"),
                    saved("darker-skin"),
                ],
            },
        ),
    ],
}
