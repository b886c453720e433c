"""The demo site's words: skin concerns, shared FAQs, the glossary and (from ``demo/guides/``,
one module per guide) the sample treatment guides.

``load_initial_data`` reads this module. Each guide's ``body`` is a list of
``(block_type, raw value)`` pairs in StreamField JSON form, using the exact child names of the
blocks in ``articles/blocks``. In a ``faqs`` section, ``questions`` holds
``("question", {...})`` or ``("saved_question", "<key from SHARED_FAQS>")`` pairs; the command
swaps each key for the saved FAQ.

Writing rules for every text here: plain US English, short sentences, "you", no promises.
``tests/test_readability_demo.py`` checks each guide reads at a US school grade of 8 or lower.

The Spanish site (``content_es.py`` and the ``*_es.py`` guides) translates these words.

The microneedling facts come only from the source article in the project brief, written in our
own words. The other guides give cautious, widely agreed facts. All of it is sample content,
not medical advice.
"""

from . import content_es as spanish
from .guides import CHEMICAL_PEELS_IMPROVEMENT, GUIDES, SPANISH_GUIDES

__all__ = [
    "CHEMICAL_PEELS_IMPROVEMENT",
    "CONCERNS",
    "GLOSSARY_INTRO",
    "GLOSSARY_TERMS",
    "GLOSSARY_TITLE",
    "GUIDES",
    "HANDOUT_PACKS",
    "SHARED_FAQS",
    "SPANISH_GUIDES",
    "spanish",
]

# --- Skin concerns -------------------------------------------------------------------------------

# "codes": the diagnosis codes a health record may send for a concern (system, code, meaning),
# which /infobutton/ answers with the concern's guides. Concerns with no fitting code have none.
CONCERNS = [
    {
        "slug": "acne-scars",
        "name": "Acne scars",
        "description": "Marks or dents left in the skin after acne heals.",
        "codes": [
            ("icd10cm", "L90.5", "Scar conditions and fibrosis of skin"),
        ],
    },
    {
        "slug": "fine-lines-wrinkles",
        "name": "Fine lines and wrinkles",
        "description": "Lines that form as skin ages, or from sun and smiling.",
    },
    {
        "slug": "enlarged-pores",
        "name": "Enlarged pores",
        "description": "Pores that look large, most often on the nose and cheeks.",
    },
    {
        "slug": "uneven-skin-tone",
        "name": "Uneven skin tone",
        "description": "Dark spots or patches that make your skin color look uneven.",
        "codes": [
            ("icd10cm", "L81.4", "Other melanin hyperpigmentation"),
        ],
    },
    {
        "slug": "stretch-marks",
        "name": "Stretch marks",
        "description": "Lines on the skin after fast growth, weight change or pregnancy.",
        "codes": [
            ("icd10cm", "L90.6", "Striae atrophicae"),
        ],
    },
    {
        "slug": "dull-skin",
        "name": "Dull skin",
        "description": "Skin that looks tired or feels rough.",
    },
    {
        "slug": "sun-damage",
        "name": "Sun damage",
        "description": "Spots, rough patches and lines from years in the sun.",
        "codes": [
            (
                "icd10cm",
                "L57.8",
                "Other skin changes due to chronic exposure to nonionizing radiation",
            ),
        ],
    },
]

# --- Questions shared by several guides ----------------------------------------------------------

SHARED_FAQS = [
    {
        "key": "make-up",
        "question": "Can I wear make-up after treatment?",
        "answer": (
            "<p>It depends on the treatment. After a gentle one, you can often wear make-up "
            "the same day. If your skin is red or sore, most clinics ask you to wait at least "
            "a day.</p><p>Ask your provider what is best for you. Use clean brushes when you "
            "start again.</p>"
        ),
    },
    {
        "key": "insurance",
        "question": "Will my insurance pay for it?",
        "answer": (
            "<p>Most likely not. Health insurance rarely pays for treatments that change how "
            "your skin looks. Check with your insurer before you book.</p><p>Ask the clinic "
            "for the full price in writing. Ask what a full course of sessions will cost.</p>"
        ),
    },
    {
        "key": "darker-skin",
        "question": "Is it safe if I have darker skin?",
        "answer": (
            "<p>Often, yes. But the risks are not the same for everyone. In darker skin, some "
            "treatments can leave dark or light patches. These can take months to fade.</p>"
            "<p>Choose a provider who has treated many people with skin like yours. Ask them "
            "how they keep this risk low.</p>"
        ),
    },
]

# --- Glossary ----------------------------------------------------------------------------------
# Medical words explained where they first appear in a guide, and listed on the "Word list" page.
# "patient_words" are everyday words patients search with: "acne marks" finds the acne scar guides.

# Saved handout packs staff print for a visit: (title, short link, [(guide slug, part)]).
HANDOUT_PACKS = [
    (
        "Microneedling day",
        "microneedling-day",
        [("microneedling", "aftercare"), ("led-light-therapy", "guide")],
    ),
    ("After a chemical peel", "after-a-chemical-peel", [("chemical-peels", "aftercare")]),
]

GLOSSARY_TITLE = "Word list"
GLOSSARY_INTRO = "Medical words used in our guides, explained in plain words."

GLOSSARY_TERMS = [
    {
        "term": "Acne scars",
        "slug": "acne-scars",
        "explanation": "Marks left after acne heals. Some are small dips or pits in the skin.",
        "other_forms": "acne scar",
        "patient_words": "acne marks, acne pits, pock marks, pitted scars",
    },
    {
        "term": "Collagen",
        "slug": "collagen",
        "explanation": "A protein that keeps skin firm and strong. The body makes less as we age.",
        "other_forms": "",
        "patient_words": "",
    },
    {
        "term": "Elastin",
        "slug": "elastin",
        "explanation": "A protein that lets skin stretch and then spring back.",
        "other_forms": "",
        "patient_words": "",
    },
    {
        "term": "Hyaluronic acid",
        "slug": "hyaluronic-acid",
        "explanation": "A gel the body makes that holds water and helps skin feel plump.",
        "other_forms": "",
        "patient_words": "",
    },
    {
        "term": "Hyperpigmentation",
        "slug": "hyperpigmentation",
        "explanation": "Patches of skin that are darker than the skin around them.",
        "other_forms": "",
        "patient_words": "dark spots, dark patches, sun spots, age spots, uneven skin tone",
    },
    {
        "term": "Isotretinoin",
        "slug": "isotretinoin",
        "explanation": (
            "A strong medicine for severe acne, taken as a pill. It makes skin slow to heal."
        ),
        "other_forms": "",
        "patient_words": "",
    },
    {
        "term": "PRP",
        "slug": "prp",
        "explanation": (
            "Short for platelet-rich plasma: a part of your own blood that may help healing."
        ),
        "other_forms": "platelet-rich plasma",
        "patient_words": "vampire facial",
    },
    {
        "term": "Retinol",
        "slug": "retinol",
        "explanation": "A form of vitamin A in many skin creams. It can make skin more sensitive.",
        "other_forms": "retinoid, retinoids",
        "patient_words": "vitamin A cream",
    },
    {
        "term": "Rosacea",
        "slug": "rosacea",
        "explanation": (
            "A long-term skin problem that causes redness, and sometimes bumps, on the face."
        ),
        "other_forms": "",
        "patient_words": "",
    },
    {
        "term": "SPF",
        "slug": "spf",
        "explanation": (
            "Sun protection factor: how well a sunscreen blocks the rays that burn. Use 30 or more."
        ),
        "other_forms": "",
        "patient_words": "sun cream, sunblock",
    },
]
