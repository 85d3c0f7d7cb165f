"""The 17 Sustainable Development Goals (TPB/SDGs), by number."""

from django.utils.translation import gettext_lazy as _

SDG_GOALS = [
    (1, _("1. No poverty")),
    (2, _("2. Zero hunger")),
    (3, _("3. Good health and well-being")),
    (4, _("4. Quality education")),
    (5, _("5. Gender equality")),
    (6, _("6. Clean water and sanitation")),
    (7, _("7. Affordable and clean energy")),
    (8, _("8. Decent work and economic growth")),
    (9, _("9. Industry, innovation and infrastructure")),
    (10, _("10. Reduced inequalities")),
    (11, _("11. Sustainable cities and communities")),
    (12, _("12. Responsible consumption and production")),
    (13, _("13. Climate action")),
    (14, _("14. Life below water")),
    (15, _("15. Life on land")),
    (16, _("16. Peace, justice and strong institutions")),
    (17, _("17. Partnerships for the goals")),
]
