"""Demo guide: microdermabrasion. Cautious, widely agreed facts; sample content, not medical
advice."""

from ..values import benefit, period, question, risk, saved, step, warning

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
