"""Demo guide: LED light therapy. Cautious, widely agreed facts; sample content, not medical
advice."""

from ..values import benefit, period, question, risk, saved, step, warning

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
