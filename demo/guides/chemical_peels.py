"""Demo guide: chemical peels. Cautious, widely agreed facts; sample content, not medical advice."""

from ..values import benefit, period, question, risk, saved, step, todo, warning

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
    # The procedure's CPT codes (system, code, meaning), for health records: infobutton/.
    "codes": [
        ("cpt", "15788", "Chemical peel, facial; epidermal"),
        ("cpt", "15789", "Chemical peel, facial; dermal"),
    ],
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

# A small improvement published as a new version of the English guide after its Spanish
# translation was made: the demo's example of a translation that is out of date with its English
# source. (section type, list field, the line added to it.)
CHEMICAL_PEELS_IMPROVEMENT = (
    "aftercare",
    "dos",
    "Put sunscreen on again every 2 hours when you are outside",
)
