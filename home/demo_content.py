"""The demo site's words: skin concerns, shared FAQs and sample treatment guides.

``load_initial_data`` reads this module. Each guide's ``body`` is a list of
``(block_type, raw value)`` pairs in StreamField JSON form, using the exact child names of the
blocks in ``articles/blocks``. In a ``faqs`` section, ``questions`` holds
``("question", {...})`` or ``("saved_question", "<key from SHARED_FAQS>")`` pairs; the command
swaps each key for the saved FAQ.

Writing rules for every text here: plain US English, short sentences, "you", no promises.
``tests/test_readability_demo.py`` checks each guide reads at a US school grade of 8 or lower.

The microneedling facts come only from the source article in the project brief, written in our
own words. The other guides give cautious, widely agreed facts. All of it is sample content,
not medical advice.
"""

# --- Helpers that keep the raw values short ------------------------------------------------------


def step(title: str, text: str, duration: str = "") -> dict:
    """One procedure step, with no picture."""
    return {"title": title, "text": text, "duration": duration, "image": {}}


def risk(name: str, description: str) -> dict:
    return {"name": name, "description": description}


def benefit(title: str, description: str) -> dict:
    return {"title": title, "description": description}


def todo(when: str, text: str) -> dict:
    """One thing to do before treatment."""
    return {"when": when, "text": text}


def period(name: str, *instructions: str) -> dict:
    """One stretch of the aftercare timeline."""
    return {"period": name, "instructions": list(instructions)}


def milestone(when: str, what: str) -> dict:
    return {"when": when, "what": what}


def question(text: str, answer: str) -> tuple[str, dict]:
    """A question written for one guide."""
    return ("question", {"question": text, "answer": answer})


def saved(key: str) -> tuple[str, str]:
    """A question from SHARED_FAQS, by its key."""
    return ("saved_question", key)


def warning(urgency: str, heading: str, intro: str, items: list[str], action: str) -> tuple:
    return (
        "warning_signs",
        {"heading": heading, "urgency": urgency, "intro": intro, "items": items, "action": action},
    )


def reference(
    title: str,
    source: str,
    publication: str = "",
    year: int | None = None,
    url: str = "",
    doi: str = "",
    pmid: str = "",
) -> dict:
    return {
        "title": title,
        "source": source,
        "publication": publication,
        "year": year,
        "url": url,
        "doi": doi,
        "pmid": pmid,
    }


# --- Skin concerns -------------------------------------------------------------------------------

CONCERNS = [
    {
        "slug": "acne-scars",
        "name": "Acne scars",
        "description": "Marks or dents left in the skin after acne heals.",
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
    },
    {
        "slug": "stretch-marks",
        "name": "Stretch marks",
        "description": "Lines on the skin after fast growth, weight change or pregnancy.",
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

# --- Guide 1: microneedling (every section, from the source article) -----------------------------

MICRONEEDLING = {
    "slug": "microneedling",
    "title": "Microneedling",
    "featured": True,
    "summary": (
        "Microneedling uses very fine needles to make tiny marks in your skin. As your skin "
        "heals, it makes more collagen. This can help with scars, fine lines and uneven skin."
    ),
    "session_time": "Depends on the area; ask your clinic",
    "sessions_needed": "Often more than 1, a few weeks apart",
    "recovery_time": "Redness for a few days, up to a week",
    "numbing": "Numbing cream is often used",
    "results_timeline": "Some change in a few weeks, more over months",
    "concerns": ["acne-scars", "fine-lines-wrinkles", "stretch-marks", "uneven-skin-tone"],
    "body": [
        (
            "overview",
            {
                "heading": "What it is",
                "sources": "1, 3",
                "text": (
                    "<p>Microneedling is also called <i>collagen induction therapy</i>. "
                    "A trained provider moves a small tool over your skin. The tool has very "
                    "fine needles. They make tiny, controlled wounds in the top layer of your "
                    "skin.</p>"
                    "<p>Your skin then starts to heal itself. As it heals, it makes more "
                    "collagen and elastin. These help keep your skin firm and smooth. They "
                    "also help it stretch and spring back.</p>"
                    "<p>This is why results come slowly. Your skin needs time to build new "
                    "collagen.</p>"
                ),
            },
        ),
        (
            "benefits",
            {
                "heading": "What it can help with",
                "sources": "2, 4",
                "intro": "Results are different for each person. Microneedling may help with:",
                "benefits": [
                    benefit("Fine lines and wrinkles", "New collagen can make lines look softer."),
                    benefit(
                        "Rough or uneven skin",
                        "Your skin may feel smoother. Its color may look more even.",
                    ),
                    benefit(
                        "Scars and stretch marks",
                        "Acne scars, scars from surgery and stretch marks may look better.",
                    ),
                    benefit("Dark spots", "Dark spots and patches may fade."),
                    benefit(
                        "Skin care that soaks in",
                        "The tiny channels may help creams and serums soak into your skin.",
                    ),
                ],
            },
        ),
        (
            "suitability",
            {
                "heading": "Is it right for me?",
                "sources": "1",
                "suits": [
                    "You have acne scars, scars from surgery or stretch marks",
                    "You have fine lines or wrinkles",
                    "Your skin feels rough or its color looks uneven",
                    "You have dark spots you would like to fade",
                    "You are happy to wait weeks or months for results",
                ],
                "not_suitable": [
                    "You have an infection, a cold sore or an open wound where you want treatment",
                    "Your provider finds at your first visit that it is not right for your skin",
                ],
                "note": (
                    "Your provider will look at your skin and ask about your health first. "
                    "Tell them about any medicines you take and any skin problems you have had."
                ),
            },
        ),
        (
            "preparation",
            {
                "heading": "Getting ready",
                "intro": "Your provider will tell you what to do. These steps are common.",
                "items": [
                    todo(
                        "First",
                        "Book a first visit so your provider can check your skin.",
                    ),
                    todo(
                        "At the first visit",
                        "Tell your provider about your health, your medicines and your skin care.",
                    ),
                    todo(
                        "At the first visit",
                        "Talk about your goals. Ask how many sessions you may need.",
                    ),
                    todo("On the day", "Plan for your skin to look red for a few days after."),
                    todo("On the day", "Bring a hat and sunscreen for the trip home."),
                ],
            },
        ),
        (
            "procedure",
            {
                "heading": "What happens during treatment",
                "sources": "1, 3",
                "intro": "",
                "steps": [
                    step(
                        "Check-up",
                        "Your provider looks at your skin and asks about your health. "
                        "Together you decide if microneedling is right for you.",
                    ),
                    step(
                        "Cleaning and numbing",
                        "Your skin is cleaned. A numbing cream may be put on to make you more "
                        "comfortable.",
                    ),
                    step(
                        "Microneedling",
                        "Your provider moves the tool over your skin. It makes many tiny wounds. "
                        "How deep the needles go depends on what you want to treat.",
                    ),
                    step(
                        "Serum or PRP",
                        "Your provider may put a serum on your skin. It may have hyaluronic acid "
                        "or growth factors in it. Some clinics use PRP instead. PRP comes from a "
                        "small sample of your own blood.",
                    ),
                    step(
                        "Aftercare advice",
                        "Your provider tells you how to care for your skin at home. This often "
                        "means staying out of the sun and using gentle products.",
                    ),
                ],
                "total_time": "",
            },
        ),
        (
            "callout",
            {
                "tone": "important",
                "heading": "Leave the needles to a trained provider",
                "text": (
                    "<p>Needles that go into your skin must be sterile. A trained provider knows "
                    "how deep to go for your skin. Don't try to copy this treatment at home. "
                    "Ask your provider before you use a home derma-roller.</p>"
                ),
            },
        ),
        (
            "risks",
            {
                "heading": "Risks and side effects",
                "sources": "1, 2",
                "intro": "Most side effects are mild and short. They can feel like a mild sunburn.",
                "common": [
                    risk(
                        "Redness",
                        "Your skin may look pink or red. This often fades in a few days to a week.",
                    ),
                    risk(
                        "Mild swelling",
                        "Your skin may look a little puffy. This goes down as your skin heals.",
                    ),
                    risk(
                        "Sore, sensitive skin",
                        "Your skin may sting or feel tender for a few days. Gentle products help.",
                    ),
                ],
                "rare": [
                    risk(
                        "Infection",
                        "This is rare when the clinic uses sterile needles and tools. Learn the "
                        "warning signs below.",
                    ),
                    risk(
                        "Allergic reaction",
                        "A cream or serum put on your skin can cause a reaction. This is rare. "
                        "A severe reaction is an emergency.",
                    ),
                ],
            },
        ),
        (
            "aftercare",
            {
                "heading": "Looking after your skin afterwards",
                "sources": "1",
                "intro": "Follow your provider's advice. It may be a little different from this.",
                "timeline": [
                    period(
                        "First 24 hours",
                        "Expect redness, like a mild sunburn",
                        "Wash your face gently with a mild cleanser",
                        "Stay out of the sun",
                        "Drink plenty of water",
                    ),
                    period(
                        "Days 2 to 7",
                        "Use only gentle skin care products",
                        "Put on sunscreen every morning",
                        "Redness and swelling should fade day by day",
                    ),
                    period(
                        "After the first week",
                        "Go back to your usual skin care if your provider says so",
                        "Keep using sunscreen every day",
                    ),
                ],
                "dos": [
                    "Use gentle skin care products",
                    "Use sunscreen every day, even when it is cloudy",
                    "Drink plenty of water",
                    "Follow the care plan your provider gives you",
                ],
                "donts": [
                    "Don't sit in the sun or use tanning beds",
                    "Don't scrub your skin or use harsh products",
                    "Don't pick or rub your skin while it heals",
                ],
            },
        ),
        warning(
            "urgent",
            "Signs of infection",
            "Call the clinic the same day if you have:",
            [
                "Redness or swelling that gets worse after 2 days",
                "Pain that gets worse, not better",
                "Pus, yellow crusts or a bad smell",
                "A fever, or you feel unwell",
                "Redness that lasts more than a week",
            ],
            "Call the clinic today. If it is closed, go to urgent care.",
        ),
        warning(
            "emergency",
            "Signs of a severe allergic reaction",
            "Call 911 right away if you have:",
            [
                "Trouble breathing or swallowing",
                "Swelling of your face, lips, tongue or throat",
                "Hives or a rash that spreads fast",
                "You feel faint or dizzy",
            ],
            "Call 911 now. Do not drive yourself to the hospital.",
        ),
        (
            "results",
            {
                "heading": "Results and upkeep",
                "sources": "2, 4",
                "text": (
                    "<p>Results come slowly and build up over time. Your skin needs time to make "
                    "new collagen. Results are not the same for everyone.</p>"
                    "<p>You may need more than 1 session. Sessions are often a few weeks apart. "
                    "Your provider will suggest a plan for your skin.</p>"
                ),
                "milestones": [
                    milestone("In the first week", "Redness and swelling fade."),
                    milestone(
                        "After a few weeks",
                        "Many people see smoother skin and a more even color.",
                    ),
                    milestone(
                        "Over several months",
                        "Results can keep getting better as your skin makes more collagen.",
                    ),
                ],
                "maintenance": (
                    "Top-up sessions can help you keep your results. Ask your provider how "
                    "often you need them."
                ),
            },
        ),
        (
            "choosing_provider",
            {
                "heading": "Choosing a provider",
                "intro": "Take your time to choose. Check that:",
                "checklist": [
                    "They are trained in microneedling and have done it many times",
                    "The clinic is clean and follows strict safety rules",
                    "They use sterile needles and tools",
                    "Other patients give them good reviews",
                    "They make a plan that fits your skin and your goals",
                ],
                "questions": [
                    "How many microneedling treatments have you done?",
                    "How do you keep your needles and tools sterile?",
                    "How many sessions do you think I will need?",
                    "What results can I expect for my skin?",
                    "Who do I call if I have a problem after treatment?",
                ],
            },
        ),
        (
            "faqs",
            {
                "heading": "Questions people ask",
                "questions": [
                    question(
                        "Does microneedling hurt?",
                        "<p>A numbing cream is often used first, so you are more comfortable. "
                        "After, your skin may feel sore, like a mild sunburn.</p>",
                    ),
                    question(
                        "How soon will I see results?",
                        "<p>Many people see smoother skin within a few weeks. Results can keep "
                        "getting better for months, as your skin makes new collagen.</p>",
                    ),
                    question(
                        "How many sessions will I need?",
                        "<p>It depends on your skin and your goals. Many people need more than "
                        "1 session, a few weeks apart. Your provider will make a plan with "
                        "you.</p>",
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
                "heading": "Sources",
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

# --- Guide 2: chemical peels ---------------------------------------------------------------------

CHEMICAL_PEELS = {
    "slug": "chemical-peels",
    "title": "Chemical peels",
    "featured": True,
    "summary": (
        "A chemical peel uses a mild acid to remove the top layer of your skin. New skin grows "
        "in its place. A light peel can help with dull skin, uneven color and fine lines."
    ),
    "session_time": "Often 30 minutes or less for a light peel",
    "sessions_needed": "Often a few, spaced weeks apart",
    "recovery_time": "Redness and flaking for up to a week",
    "numbing": "Not often needed for a light peel",
    "results_timeline": "Once the skin has peeled, often in 1 to 2 weeks",
    "concerns": ["uneven-skin-tone", "sun-damage", "dull-skin", "fine-lines-wrinkles"],
    "body": [
        (
            "overview",
            {
                "heading": "What it is",
                "text": (
                    "<p>A chemical peel is a liquid with a mild acid in it. Your provider "
                    "brushes it on your skin and leaves it on for a short time. Over the next "
                    "few days, the top layer of skin flakes off. Newer, smoother skin shows "
                    "underneath.</p>"
                    "<p>Peels come in 3 strengths: light, medium and deep. This guide is about "
                    "light peels. They are the gentlest and heal the fastest. Medium and deep "
                    "peels go deeper and take longer to heal.</p>"
                ),
            },
        ),
        (
            "benefits",
            {
                "heading": "What it can help with",
                "intro": "Most people need a few peels to see a change. A light peel may help:",
                "benefits": [
                    benefit("Dull skin", "Your skin may look brighter and feel smoother."),
                    benefit(
                        "Uneven color",
                        "Dark spots from the sun may fade over a few sessions.",
                    ),
                    benefit(
                        "Fine lines",
                        "Fine lines may look a little softer. A light peel will not remove deep "
                        "wrinkles.",
                    ),
                    benefit("Blocked pores", "Some peels help clear blocked pores and mild acne."),
                ],
            },
        ),
        (
            "suitability",
            {
                "heading": "Is it right for me?",
                "suits": [
                    "Your skin looks dull or feels rough",
                    "You have dark spots or uneven color from the sun",
                    "You have fine lines, not deep wrinkles",
                    "You can stay out of strong sun while your skin heals",
                ],
                "not_suitable": [
                    "You have a skin infection, cold sores or open wounds on the area",
                    "Your skin is sunburned or very sore right now",
                    "You take, or took in the past year, isotretinoin for acne. Ask your doctor.",
                    "You are pregnant or breastfeeding, unless your doctor says it is OK",
                ],
                "note": (
                    "Tell your provider if you get cold sores. A peel can bring one on. Your "
                    "provider may give you medicine to help stop this."
                ),
            },
        ),
        (
            "preparation",
            {
                "heading": "Getting ready",
                "intro": "",
                "items": [
                    todo(
                        "At your first visit",
                        "Tell your provider about your medicines, your skin care and any cold "
                        "sores you get.",
                    ),
                    todo("In the weeks before", "Stay out of strong sun. Use sunscreen every day."),
                    todo(
                        "About 1 week before",
                        "Stop retinol and other strong creams if your provider asks you to.",
                    ),
                    todo("About 1 week before", "Don't wax or use hair removal cream on the area."),
                    todo("On the day", "Come with a clean face and no make-up."),
                ],
            },
        ),
        (
            "procedure",
            {
                "heading": "What happens during treatment",
                "intro": "",
                "steps": [
                    step(
                        "Cleaning",
                        "Your provider cleans your skin to remove oil. They may cover your eyes "
                        "and hair.",
                    ),
                    step(
                        "Putting on the peel",
                        "They brush the liquid onto your skin. You will likely feel warmth, "
                        "tingling or stinging.",
                        "A few minutes",
                    ),
                    step(
                        "Taking it off",
                        "After a set time, they wash the peel off or stop it working. A small "
                        "fan or a cool pack can ease the sting.",
                    ),
                    step(
                        "Soothing cream",
                        "They put on a gentle cream and sunscreen before you go home.",
                    ),
                ],
                "total_time": "Often 30 minutes or less",
            },
        ),
        (
            "risks",
            {
                "heading": "Risks and side effects",
                "intro": "Most side effects of a light peel are mild and go away on their own.",
                "common": [
                    risk(
                        "Stinging",
                        "You may feel warmth or stinging while the peel is on. It fades soon "
                        "after.",
                    ),
                    risk("Redness", "Your skin may look red, like a mild sunburn, for a few days."),
                    risk(
                        "Flaking and dryness",
                        "Your skin may flake or peel for 3 to 7 days. This is normal.",
                    ),
                ],
                "rare": [
                    risk(
                        "Dark or light patches",
                        "Some people get patches of color change. This is more common in darker "
                        "skin. The patches often fade, but it can take months.",
                    ),
                    risk("Cold sores", "A peel can bring on a cold sore if you tend to get them."),
                    risk("Infection or scars", "These are rare after a light peel."),
                ],
            },
        ),
        (
            "aftercare",
            {
                "heading": "Looking after your skin afterwards",
                "intro": "",
                "timeline": [
                    period(
                        "First 24 hours",
                        "Wash with cool water and a gentle cleanser",
                        "Use a plain, gentle moisturizer",
                        "Stay out of the sun",
                    ),
                    period(
                        "Days 2 to 7",
                        "Let your skin flake off on its own",
                        "Keep using moisturizer and sunscreen",
                        "Wear a hat when you go out",
                    ),
                    period(
                        "After the flaking stops",
                        "Go back to your usual skin care when your provider says so",
                        "Keep using sunscreen every day",
                    ),
                ],
                "dos": [
                    "Use a broad-spectrum sunscreen, SPF 30 or higher",
                    "Keep your skin moist with a gentle cream",
                    "Call the clinic if you are worried",
                ],
                "donts": [
                    "Don't pick or pull off flaking skin",
                    "Don't scrub your face or use harsh products",
                    "Don't use tanning beds",
                ],
            },
        ),
        warning(
            "urgent",
            "When to get help",
            "Call the clinic the same day if you have:",
            [
                "Blisters, or raw and open skin",
                "Pain or swelling that gets worse",
                "Pus, yellow crusts or a fever",
                "Redness that lasts more than a week",
            ],
            "Call the clinic today. If it is closed, go to urgent care. If you have trouble "
            "breathing, or your face or throat swells, call 911.",
        ),
        (
            "faqs",
            {
                "heading": "Questions people ask",
                "questions": [
                    question(
                        "Does a chemical peel hurt?",
                        "<p>Most people feel warmth or stinging for a few minutes. It stops soon "
                        "after the peel comes off.</p>",
                    ),
                    question(
                        "Will my skin peel a lot?",
                        "<p>After a light peel, most people have mild flaking. Some hardly peel "
                        "at all. The peel can still work.</p>",
                    ),
                    saved("make-up"),
                    saved("darker-skin"),
                ],
            },
        ),
    ],
}

# --- Guide 3: LED light therapy ------------------------------------------------------------------

LED_LIGHT_THERAPY = {
    "slug": "led-light-therapy",
    # The demo shows what patients see when a guide is past its review date.
    "reviewed_months_ago": 13,
    "title": "LED light therapy",
    "featured": False,
    "summary": (
        "LED light therapy shines colored light on your skin. It uses no heat and no needles. "
        "It may help with mild acne and fine lines, but the change is often small."
    ),
    "session_time": "Often 15 to 30 minutes",
    "sessions_needed": "Often 1 a week for several weeks",
    "recovery_time": "None for most people",
    "numbing": "Not needed",
    "results_timeline": "Slowly, over several weeks",
    "concerns": ["fine-lines-wrinkles", "dull-skin"],
    "body": [
        (
            "overview",
            {
                "heading": "What it is",
                "text": (
                    "<p>An LED device shines light of one color onto your skin. The light is "
                    "not hot and does not burn. It has no UV light, so it will not tan your "
                    "skin.</p>"
                    "<p>Each color is used for a different goal. Blue light is often used for "
                    "acne. Red light is often used for fine lines.</p>"
                    "<p>Studies show some benefit, but the change is often small. It works best "
                    "as one part of a wider skin care plan.</p>"
                ),
            },
        ),
        (
            "benefits",
            {
                "heading": "What it can help with",
                "intro": "",
                "benefits": [
                    benefit("Mild acne", "Blue light may help cut down on spots."),
                    benefit("Fine lines", "Red light may soften fine lines a little over time."),
                    benefit("No downtime", "You can go back to your day right away."),
                ],
            },
        ),
        (
            "suitability",
            {
                "heading": "Is it right for me?",
                "suits": [
                    "You have mild acne",
                    "You have fine lines and want a gentle choice",
                    "You want a treatment with no downtime",
                ],
                "not_suitable": [
                    "You take a medicine that makes your skin sensitive to light",
                    "You have a health problem made worse by light, such as lupus",
                    "You have an eye problem, unless your eye doctor says it is OK",
                ],
                "note": (
                    "Tell your provider about all the medicines you take. Include acne pills "
                    "and herbal remedies."
                ),
            },
        ),
        (
            "procedure",
            {
                "heading": "What happens during treatment",
                "intro": "",
                "steps": [
                    step("Cleaning", "Your skin is cleaned so the light can reach it."),
                    step(
                        "Eye cover",
                        "You wear goggles or eye pads. They keep the bright light out of your "
                        "eyes.",
                    ),
                    step(
                        "Light treatment",
                        "You lie under an LED panel or wear a mask. You may feel slight warmth, "
                        "but no pain.",
                        "Often 15 to 30 minutes",
                    ),
                    step(
                        "After the session",
                        "You can go back to your normal day. Some clinics put on a gentle cream "
                        "or sunscreen.",
                    ),
                ],
                "total_time": "",
            },
        ),
        (
            "risks",
            {
                "heading": "Risks and side effects",
                "intro": "Side effects are not common, and most are mild.",
                "common": [
                    risk("Mild redness", "Your skin may look a little pink for a short time."),
                    risk("Dryness", "Some people get dry skin. A plain, gentle cream helps."),
                ],
                "rare": [
                    risk(
                        "Eye strain",
                        "The light is bright. Always wear the eye cover you are given.",
                    ),
                    risk(
                        "Skin reaction",
                        "A rash or sore skin is rare. It is more likely if a medicine makes "
                        "your skin sensitive to light.",
                    ),
                ],
            },
        ),
        (
            "aftercare",
            {
                "heading": "Looking after your skin afterwards",
                "intro": "",
                "timeline": [
                    period(
                        "Right after a session",
                        "You can wash, work and wear make-up as normal",
                        "Put on sunscreen if you go out",
                    ),
                    period(
                        "Between sessions",
                        "Keep to your usual gentle skin care",
                        "Go to all your sessions to give it a fair chance",
                    ),
                ],
                "dos": [
                    "Use sunscreen every day",
                    "Tell your provider if you start a new medicine",
                ],
                "donts": [
                    "Don't skip the eye cover, even for a short session",
                    "Don't use a home device more often than its instructions say",
                ],
            },
        ),
        warning(
            "urgent",
            "When to get help",
            "Stop treatment and call the clinic the same day if you have:",
            [
                "A rash, blisters or burning that does not settle",
                "Eye pain, or a change in how well you see",
                "Skin that gets more red or sore after each session",
            ],
            "Call the clinic or your doctor today. If they are closed, go to urgent care.",
        ),
        (
            "faqs",
            {
                "heading": "Questions people ask",
                "questions": [
                    question(
                        "Does LED light therapy hurt?",
                        "<p>No. Most people feel nothing, or a little warmth. You keep your eyes "
                        "covered the whole time.</p>",
                    ),
                    question(
                        "Are home LED masks as good?",
                        "<p>Home devices are often weaker than clinic ones. The change may be "
                        "smaller and take longer. Follow the instructions, and always cover your "
                        "eyes.</p>",
                    ),
                    saved("make-up"),
                    saved("insurance"),
                ],
            },
        ),
    ],
}

# --- Guide 4: microdermabrasion ------------------------------------------------------------------

MICRODERMABRASION = {
    "slug": "microdermabrasion",
    "title": "Microdermabrasion",
    "featured": False,
    "summary": (
        "Microdermabrasion gently removes dead skin from the surface. It can leave your skin "
        "feeling smoother. It is mild, and most people go back to their day right away."
    ),
    "session_time": "Often under 1 hour",
    "sessions_needed": "Often a few, spaced weeks apart",
    "recovery_time": "Mild redness for a few hours to a day",
    "numbing": "Not needed",
    "results_timeline": "Smoother right away; more after a few sessions",
    "concerns": ["dull-skin", "enlarged-pores", "uneven-skin-tone", "sun-damage"],
    "body": [
        (
            "overview",
            {
                "heading": "What it is",
                "text": (
                    "<p>Microdermabrasion is a gentle way to remove dead skin from the surface. "
                    "Your provider uses a small wand. It has a rough tip, or it sprays very fine "
                    "crystals. The wand also sucks away the dead skin.</p>"
                    "<p>It only works on the very top layer of skin. So it is mild, and most "
                    "people can go back to their day right away. It will not remove deep scars "
                    "or deep wrinkles.</p>"
                ),
            },
        ),
        (
            "benefits",
            {
                "heading": "What it can help with",
                "intro": "",
                "benefits": [
                    benefit("Smoother skin", "Your skin may feel softer after the first session."),
                    benefit("Dull skin", "With dead skin gone, your skin may look fresher."),
                    benefit("Pores", "Pores may look a little smaller for a while."),
                    benefit(
                        "Mild sun spots",
                        "Light sun spots may fade a little over a few sessions.",
                    ),
                ],
            },
        ),
        (
            "suitability",
            {
                "heading": "Is it right for me?",
                "suits": [
                    "Your skin looks dull or feels rough",
                    "You have mild sun damage or uneven color",
                    "You want a mild treatment with little downtime",
                ],
                "not_suitable": [
                    "You have a skin infection, cold sores or open wounds on the area",
                    "You have a lot of red, sore acne spots right now",
                    "Your rosacea or eczema is flaring up",
                    "You take, or took in the past year, isotretinoin for acne. Ask your doctor.",
                ],
                "note": "",
            },
        ),
        (
            "procedure",
            {
                "heading": "What happens during treatment",
                "intro": "",
                "steps": [
                    step("Cleaning", "Your provider cleans your skin to remove oil and make-up."),
                    step(
                        "Treatment",
                        "They move the wand over your skin in small strokes. It may feel a "
                        "little rough, with a light pull.",
                    ),
                    step("Soothing cream", "They put on a gentle cream and sunscreen."),
                ],
                "total_time": "Often under 1 hour",
            },
        ),
        (
            "risks",
            {
                "heading": "Risks and side effects",
                "intro": "Side effects are often mild and short.",
                "common": [
                    risk("Redness", "Your skin may look pink for a few hours, or up to a day."),
                    risk("Tight, dry skin", "Your skin may feel tight or dry for a day or two."),
                    risk("Tender skin", "Your skin may feel a little sore, like windburn."),
                ],
                "rare": [
                    risk(
                        "Small bruises",
                        "The suction can leave small marks. They fade on their own.",
                    ),
                    risk(
                        "Dark patches",
                        "Some people get patches of darker skin. This is more common in darker "
                        "skin.",
                    ),
                ],
            },
        ),
        (
            "aftercare",
            {
                "heading": "Looking after your skin afterwards",
                "intro": "",
                "timeline": [
                    period(
                        "First 24 hours",
                        "Wash gently and pat your skin dry",
                        "Use a plain, gentle moisturizer",
                        "Stay out of strong sun",
                    ),
                    period(
                        "The next few days",
                        "Use sunscreen every day",
                        "Wait before you use scrubs, acids or retinol",
                    ),
                ],
                "dos": ["Use sunscreen every day", "Keep your skin moist with a gentle cream"],
                "donts": [
                    "Don't scrub your skin for a few days",
                    "Don't use tanning beds",
                ],
            },
        ),
        warning(
            "urgent",
            "When to get help",
            "Call the clinic the same day if you have:",
            [
                "Redness or swelling that gets worse after the first day",
                "Pus, yellow crusts or a fever",
                "Cuts, scabs or raw patches",
            ],
            "Call the clinic today. If it is closed, go to urgent care.",
        ),
        (
            "faqs",
            {
                "heading": "Questions people ask",
                "questions": [
                    question(
                        "Does microdermabrasion hurt?",
                        "<p>Most people feel only a mild scratch and a light pull. Tell your "
                        "provider if it feels too strong.</p>",
                    ),
                    question(
                        "Is it the same as a face scrub at home?",
                        "<p>No. A clinic device works more deeply and more evenly. But it is "
                        "still a mild treatment.</p>",
                    ),
                    saved("insurance"),
                ],
            },
        ),
    ],
}

GUIDES = [MICRONEEDLING, CHEMICAL_PEELS, LED_LIGHT_THERAPY, MICRODERMABRASION]


# --- Glossary ----------------------------------------------------------------------------------
# Medical words explained where they first appear in a guide, and listed on the "Word list" page.
# "patient_words" are everyday words patients search with: "acne marks" finds the acne scar guides.

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
