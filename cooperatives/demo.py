"""Demo data of cooperatives, for a product tour. Idempotent: each cooperative is keyed by
its name and built once, through the services, as staff would.

- "Flashcoop Saveurs du monde": a cooking flashcoop running now (six days held, four to
  come) with Amina (co-manager) and four others; hours, sales, purchases with a receipt, a
  cost sheet for its mafé and a meeting where the members chose to split by hours.
- "Atelier couture solidaire": a temporary sewing cooperative that met on Tuesdays and
  Thursdays and closed last month, with Bilal (treasurer) and Amina among its members; its
  split is recorded, statements can be downloaded, and outcomes are recorded.

Dates are relative to today so the tour always shows a running flashcoop.
"""

import datetime
import uuid
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cooperatives import activity_days
from cooperatives.models import Cooperative, Membership
from cooperatives.services import closing, cooperatives, governance, ledger, members
from incubator.demo import demo_user
from incubator.models import Cohort, Participant, PartnerOrganisation, Programme

FLASHCOOP = "Flashcoop Saveurs du monde"
SEWING = "Atelier couture solidaire"
D = Decimal


def _person(first_name: str) -> Participant:
    return Participant.objects.get(first_name=first_name)


def _key(*parts: object) -> uuid.UUID:
    """A stable idempotency key for a demo entry."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "tremplin-demo:" + ":".join(map(str, parts)))


def _receipt(name: str) -> SimpleUploadedFile:
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _flashcoop_start(today: datetime.date) -> datetime.date:
    """A start date leaving six activity days before today and four from today on."""
    start = today - datetime.timedelta(days=6)
    while sum(d < today for d in activity_days.flashcoop_days(start)) < 6:
        start -= datetime.timedelta(days=1)
    while sum(d < today for d in activity_days.flashcoop_days(start)) > 6:
        start += datetime.timedelta(days=1)
    return start


@transaction.atomic
def seed() -> None:
    programme = Programme.objects.get(name="Tremplin 2026")
    cohort = Cohort.objects.filter(programme=programme).first()
    if not Cooperative.objects.filter(name=SEWING).exists():
        _seed_sewing(programme, cohort)
    if not Cooperative.objects.filter(name=FLASHCOOP).exists():
        _seed_flashcoop(programme, cohort)


def _seed_flashcoop(programme: Programme, cohort: Cohort | None) -> None:
    staff = demo_user("staff")
    today = timezone.localdate()
    host, _ = PartnerOrganisation.objects.get_or_create(
        name="La Table ouverte – cuisine partagée",
        defaults={"kind": PartnerOrganisation.Kind.ASSOCIATION, "contact_name": "Hélène Roux"},
    )
    start = _flashcoop_start(today)
    coop = cooperatives.cooperative_create(
        actor=staff,
        name=FLASHCOOP,
        kind=Cooperative.Kind.FLASHCOOP,
        sector=Cooperative.Sector.COOKING,
        programme=programme,
        cohort=cohort,
        start_date=start,
        place="Cuisine partagée, 12 rue de Tanger, Paris 19e",
        host_partner=host,
        capacity=6,
        lead_staff=staff,
        usual_hours=D("6.00"),
        description=(
            "Dix jours pour tester un service traiteur : déjeuners à emporter le midi, "
            "buffets pour les associations du quartier."
        ),
    )
    roles = [
        ("Amina", Membership.Role.CO_MANAGER),
        ("Fatima", Membership.Role.TREASURER),
        ("Nour", Membership.Role.MEMBER),
        ("Samira", Membership.Role.MEMBER),
        ("Aïssata", Membership.Role.MEMBER),
    ]
    team = [
        members.member_add(
            cooperative=coop, actor=staff, participant=_person(name), joined_on=start, role=role
        )
        for name, role in roles
    ]
    cooperatives.cooperative_transition(cooperative=coop, to="running", actor=staff)
    days = [d for d in coop.days.filter(cancelled=False).order_by("date") if d.date < today]
    hours = {
        "Amina": ["6.5", "6.5", "6", "7", "6.5", "6"],
        "Fatima": ["6", "6", "6", "6.5", "6", "6"],
        "Nour": ["6", "5.5", "0", "6", "6", "5.75"],
        "Samira": ["4", "6", "6", "6", "0", "6"],
        "Aïssata": ["6", "6", "6", "5.5", "6", "6"],
    }
    members.hours_record(
        cooperative=coop,
        actor=staff,
        cells=[
            members.HoursCell(day.pk, membership.pk, D(value))
            for (name, _role), membership in zip(roles, team, strict=True)
            for day, value in zip(days, hours[name], strict=False)
        ],
    )
    menu = [
        ("Mafé poulet", D("9.50")),
        ("Yassa poisson", D("10.00")),
        ("Bissap (50 cl)", D("2.50")),
        ("Pastels (x4)", D("4.00")),
    ]
    sold = [
        (22, 0, 18, 15),
        (26, 14, 20, 12),
        (18, 20, 25, 10),
        (30, 0, 28, 22),
        (24, 16, 30, 0),
        (28, 12, 24, 16),
    ]
    for k, (day, counts) in enumerate(zip(days, sold, strict=False)):
        for (product, price), count in zip(menu, counts, strict=True):
            if not count:
                continue
            ledger.sale_record(
                cooperative=coop,
                actor=staff,
                date=day.date,
                product=product,
                quantity=D(count),
                unit_price=price,
                payment_method="card" if count % 3 == 0 else "cash",
                customer_type="individual",
                idempotency_key=_key(FLASHCOOP, "sale", k, product),
            )
    ledger.sale_record(
        cooperative=coop,
        actor=staff,
        date=days[4].date,
        product="Buffet associatif (30 pers.)",
        quantity=D(1),
        unit_price=D("240.00"),
        payment_method="transfer",
        customer_type="association",
        description="Accueil Solidaire – assemblée générale",
        idempotency_key=_key(FLASHCOOP, "buffet"),
    )
    purchases = [
        (0, "ingredients", "Metro Paris-Nanterre", "186.40", True),
        (0, "equipment", "Cash & Carry Emballages", "64.90", True),
        (2, "ingredients", "Marché Joinville", "97.35", False),
        (3, "ingredients", "Metro Paris-Nanterre", "142.80", True),
        (1, "rent", "La Table ouverte", "150.00", False),
        (4, "transport", "Location utilitaire", "38.00", False),
    ]
    for k, (day_index, category, supplier, amount, receipt) in enumerate(purchases):
        ledger.expense_record(
            cooperative=coop,
            actor=staff,
            date=days[day_index].date,
            category=category,
            supplier=supplier,
            amount=D(amount),
            receipt=_receipt(f"ticket-{k}.pdf") if receipt else None,
            idempotency_key=_key(FLASHCOOP, "expense", k),
        )
    wrong = ledger.sale_record(
        cooperative=coop,
        actor=staff,
        date=days[2].date,
        product="Bissap (50 cl)",
        quantity=D(25),
        unit_price=D("25.00"),
        payment_method="cash",
        idempotency_key=_key(FLASHCOOP, "typo"),
    )
    ledger.entry_reverse(entry=wrong, actor=staff, reason="Prix saisi 25 € au lieu de 2,50 €")
    ledger.cost_sheet_save(
        cooperative=coop,
        actor=staff,
        product="Mafé poulet",
        yield_quantity=D(12),
        yield_unit="portions",
        selling_price=D("9.50"),
        notes="Recette d'Amina, testée le premier jour.",
        lines=[
            ledger.LineInput("Cuisses de poulet", D("2.4"), "kg", D("7.90")),
            ledger.LineInput("Pâte d'arachide", D("0.6"), "kg", D("6.45")),
            ledger.LineInput("Riz parfumé", D("1.5"), "kg", D("1.89")),
            ledger.LineInput("Tomates", D("1"), "kg", D("2.99")),
            ledger.LineInput("Oignons", D("0.8"), "kg", D("1.60")),
            ledger.LineInput("Carottes et chou", D("1"), "kg", D("1.80")),
            ledger.LineInput("Épices et bouillon", D("1"), "piece", D("1.50")),
            ledger.LineInput("Barquettes kraft", D("12"), "piece", D("0.35")),
        ],
    )
    governance.meeting_record(
        cooperative=coop,
        actor=staff,
        date=days[1].date,
        agenda="1. Qui fait quoi (achats, caisse, service)\n2. Comment partager le résultat",
        notes="Fatima tient la caisse ; Amina coordonne les achats avec Sophie.",
        attendees=team,
        decisions=[
            governance.DecisionInput("Fatima est trésorière et tient la caisse", 5, 0, 0),
            governance.DecisionInput(
                "Le résultat sera partagé au prorata des heures travaillées", 4, 0, 1, "hours"
            ),
        ],
    )


def _seed_sewing(programme: Programme, cohort: Cohort | None) -> None:
    staff = demo_user("staff")
    today = timezone.localdate()
    start = today - datetime.timedelta(days=130)
    start -= datetime.timedelta(days=start.weekday() - 1 if start.weekday() >= 1 else -1)
    end = today - datetime.timedelta(days=45)
    host = PartnerOrganisation.objects.get(name="Association Accueil Solidaire")
    coop = cooperatives.cooperative_create(
        actor=staff,
        name=SEWING,
        kind=Cooperative.Kind.TEMPORARY,
        sector=Cooperative.Sector.SEWING,
        programme=programme,
        cohort=cohort,
        start_date=start,
        end_date=end,
        weekdays=[1, 3],
        place="Atelier de la Goutte d'Or, 8 rue Léon, Paris 18e",
        host_partner=host,
        capacity=8,
        lead_staff=staff,
        usual_hours=D("3.50"),
        description="Sacs, tabliers et retouches en wax, vendus sur les marchés du 18e.",
    )
    roles = [
        ("Bilal", Membership.Role.TREASURER),
        ("Olena", Membership.Role.CO_MANAGER),
        ("Mariam", Membership.Role.MEMBER),
        ("Halima", Membership.Role.MEMBER),
        ("Amina", Membership.Role.MEMBER),
    ]
    team = [
        members.member_add(
            cooperative=coop, actor=staff, participant=_person(name), joined_on=start, role=role
        )
        for name, role in roles
    ]
    cooperatives.cooperative_transition(cooperative=coop, to="running", actor=staff)
    days = list(coop.days.filter(cancelled=False).order_by("date"))
    halima = team[3]
    left_on = days[len(days) // 2].date
    cells = []
    for k, day in enumerate(days):
        for m, membership in enumerate(team):
            if membership == halima and day.date > left_on:
                continue
            absent = (k + 2 * m) % 9 == 0
            value = D(0) if absent else (D("3.5") if (k + m) % 4 else D("3"))
            cells.append(members.HoursCell(day.pk, membership.pk, value))
    members.hours_record(cooperative=coop, actor=staff, cells=cells)
    members.member_leave(
        membership=halima, actor=staff, left_on=left_on, reason="A trouvé un emploi en atelier"
    )
    products = [
        ("Tote bag en wax", D("25.00")),
        ("Tablier de cuisine", D("18.00")),
        ("Pochette zippée", D("12.00")),
        ("Retouche", D("8.00")),
    ]
    markets = days[4::3]
    for k, day in enumerate(markets):
        for p, (product, price) in enumerate(products):
            count = (k * 3 + p * 5) % 7 + (2 if p < 2 else 1)
            ledger.sale_record(
                cooperative=coop,
                actor=staff,
                date=day.date,
                product=product,
                quantity=D(count),
                unit_price=price,
                payment_method="cash" if (k + p) % 3 else "card",
                customer_type="individual" if p != 1 else "event",
                idempotency_key=_key(SEWING, "sale", k, product),
            )
    expenses = [
        (0, "fabric", "Marché Saint-Pierre", "312.60"),
        (0, "equipment", "Location de 3 machines", "180.00"),
        (6, "fabric", "Tissus Reine", "148.20"),
        (10, "fabric", "Mercerie de la Goutte d'Or", "46.75"),
        (12, "transport", "RATP – navettes marché", "32.40"),
        (14, "rent", "Emplacement marché de Château-Rouge", "90.00"),
    ]
    for k, (day_index, category, supplier, amount) in enumerate(expenses):
        ledger.expense_record(
            cooperative=coop,
            actor=staff,
            date=days[min(day_index, len(days) - 1)].date,
            category=category,
            supplier=supplier,
            amount=D(amount),
            idempotency_key=_key(SEWING, "expense", k),
        )
    ledger.cost_sheet_save(
        cooperative=coop,
        actor=staff,
        product="Tote bag en wax",
        yield_quantity=D(1),
        yield_unit="sac",
        selling_price=D("25.00"),
        lines=[
            ledger.LineInput("Wax 100 % coton", D("0.5"), "m", D("12.00")),
            ledger.LineInput("Doublure", D("0.5"), "m", D("4.00")),
            ledger.LineInput("Sangle coton", D("1.2"), "m", D("1.50")),
            ledger.LineInput("Fil", D("1"), "piece", D("0.40")),
        ],
    )
    governance.meeting_record(
        cooperative=coop,
        actor=staff,
        date=days[2].date,
        agenda="Choix des produits et partage du résultat",
        attendees=team,
        decisions=[
            governance.DecisionInput("Vendre au marché de Château-Rouge le samedi", 5, 0, 0),
            governance.DecisionInput(
                "Partager le résultat au prorata des heures", 4, 1, 0, "hours"
            ),
        ],
    )
    cooperatives.cooperative_transition(cooperative=coop, to="closing", actor=staff)
    closing.cooperative_close(cooperative=coop, actor=staff)
    outcomes = {
        "Bilal": ("business", "Lance une activité de retouches à domicile"),
        "Olena": ("cooperative", "Rejoint la coopérative textile Fil en Aiguille"),
        "Mariam": ("employment", "CDD de couturière, atelier de confection"),
        "Halima": ("employment", "Emploi en atelier de retouche"),
        "Amina": ("other", "Suit le flashcoop cuisine"),
    }
    for (name, _role), membership in zip(roles, team, strict=True):
        outcome, note = outcomes[name]
        members.outcome_record(membership=membership, actor=staff, outcome=outcome, note=note)
