"""Demo guide: microneedling, with every section. Its facts come only from the source article in
the project brief, in our own words. Sample content, not medical advice."""

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
