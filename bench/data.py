"""Synthetic but realistic recommendations in bulk, for benchmarks."""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from focalpoints.models import Institution
from nmirf.bulk import insert_rows
from recommendations.models import (
    Cluster,
    ConcernedGroup,
    Country,
    Mechanism,
    Recommendation,
    SourceDocument,
    Theme,
)
from recommendations.ordering import paragraph_key
from sdg.models import Goal, Target
from sdg.services import sdg_load_shipped

VERBS = ["Adopt", "Strengthen", "Ensure", "Take measures to", "Continue efforts to", "Guarantee", "Consider"]
OBJECTS = [
    "a comprehensive law against discrimination",
    "access to justice for women and girls",
    "the independence of the judiciary",
    "protection of human rights defenders and journalists",
    "inclusive education for children with disabilities",
    "prison conditions in line with the Nelson Mandela Rules",
    "the rights of migrant workers and their families",
    "universal health coverage in rural areas",
    "the prevention of torture and ill-treatment in places of detention",
    "birth registration of all children",
    "the participation of indigenous peoples in decisions affecting them",
    "investigations into cases of violence against women",
]
ENDINGS = ["", " and allocate sufficient resources", " in consultation with civil society", " without delay"]
STATES = ["ESP", "FRA", "DEU", "BRA", "MEX", "NOR", "JPN", "ZAF", "IND", "CAN", "CHL", "SEN", "PHL", "KEN"]


def build(count: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    state = Country.objects.get(code="FRA")
    mechanisms = list(
        Mechanism.objects.filter(code__in=["UPR", "CRC", "CEDAW", "CAT", "CCPR", "CESCR", "SR Torture"])
    )
    documents = [
        SourceDocument.objects.create(symbol=f"BENCH/{m.code}/{i}", mechanism=m, state=state)
        for m in mechanisms
        for i in range(3)
    ]
    themes = list(Theme.objects.all()[:40])
    goals = list(Goal.objects.all())
    clusters = [Cluster.objects.create(name=f"Bench cluster {i}") for i in range(20)]
    institutions = [Institution.objects.create(name=f"Bench ministry {i}") for i in range(25)]
    states = list(Country.objects.filter(code__in=STATES))
    rows = []
    for i in range(count):
        document = rng.choice(documents)
        upr = document.mechanism.code == "UPR"
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(ENDINGS)}"
        rows.append(
            Recommendation(
                state=state,
                text=text,
                text_en=text,
                text_fr=f"Version française {i}: {text}" if i % 5 == 0 else None,
                mechanism=document.mechanism,
                source_document=document,
                paragraph=f"{100 + i // 300}.{i % 300}",
                paragraph_key=paragraph_key(f"{100 + i // 300}.{i % 300}"),
                date=datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(5000)),
                cycle=rng.choice([2, 3, 4]) if upr else None,
                position=rng.choice(["supported", "noted"]) if upr else "",
                status=rng.choice(Recommendation.Status.values),
                cluster=rng.choice(clusters) if rng.random() < 0.8 else None,
                lead_institution=rng.choice(institutions) if rng.random() < 0.7 else None,
                published=rng.random() < 0.95,
            )
        )
    created = Recommendation.objects.bulk_create(rows, batch_size=2000)
    theme_links, goal_links, state_links = [], [], []
    for rec in created:
        for theme in rng.sample(themes, 2):
            theme_links.append(Recommendation.themes.through(recommendation_id=rec.pk, theme_id=theme.pk))
        goal_links.append(
            Recommendation.sdg_goals.through(recommendation_id=rec.pk, goal_id=rng.choice(goals).pk)
        )
        if rec.mechanism.code == "UPR":
            state_links.append(
                Recommendation.recommending_states.through(
                    recommendation_id=rec.pk, country_id=rng.choice(states).pk
                )
            )
    for links in (theme_links, goal_links, state_links):
        type(links[0]).objects.bulk_create(links, batch_size=5000)


# The whole-index builder below writes each recommendation in up to four languages, from these parallel
# phrases (English, French, Spanish, Arabic). Treaty bodies and special procedures speak to the State in
# their own way, so their texts start differently from UPR ones (which end with the recommending State).
ML_VERBS = [
    ("Adopt", "adopter", "adoptar", "اعتماد"),
    ("Strengthen", "renforcer", "fortalecer", "تعزيز"),
    ("Ensure", "garantir", "garantizar", "ضمان"),
    ("Take measures to guarantee", "prendre des mesures pour garantir", "adoptar medidas para garantizar",
     "اتخاذ تدابير لضمان"),
    ("Continue its efforts to improve", "poursuivre ses efforts pour améliorer",
     "proseguir sus esfuerzos para mejorar", "مواصلة جهودها لتحسين"),
    ("Step up efforts to promote", "redoubler d'efforts pour promouvoir", "redoblar los esfuerzos para promover",
     "مضاعفة الجهود لتعزيز"),
    ("Effectively implement", "mettre en œuvre efficacement", "aplicar efectivamente", "التنفيذ الفعال"),
    ("Allocate adequate resources to", "allouer des ressources suffisantes à", "asignar recursos suficientes a",
     "تخصيص موارد كافية"),
    ("Review its legislation on", "réviser sa législation concernant", "revisar su legislación sobre",
     "مراجعة تشريعاتها المتعلقة"),
    ("Raise awareness of", "sensibiliser le public à", "sensibilizar a la población sobre", "التوعية"),
]  # fmt: skip
ML_OBJECTS = [
    ("a comprehensive law against discrimination", "une loi globale contre la discrimination",
     "una ley integral contra la discriminación", "قانون شامل لمكافحة التمييز"),
    ("access to justice for women and girls", "l'accès à la justice des femmes et des filles",
     "el acceso a la justicia de las mujeres y las niñas", "وصول النساء والفتيات إلى العدالة"),
    ("the independence of the judiciary", "l'indépendance du pouvoir judiciaire",
     "la independencia del poder judicial", "استقلال القضاء"),
    ("the protection of human rights defenders and journalists",
     "la protection des défenseurs des droits de l'homme et des journalistes",
     "la protección de los defensores de los derechos humanos y los periodistas",
     "حماية المدافعين عن حقوق الإنسان والصحفيين"),
    ("inclusive education for children with disabilities", "l'éducation inclusive des enfants handicapés",
     "la educación inclusiva de los niños con discapacidad", "التعليم الشامل للأطفال ذوي الإعاقة"),
    ("prison conditions in line with the Nelson Mandela Rules",
     "des conditions carcérales conformes aux Règles Nelson Mandela",
     "condiciones penitenciarias conformes a las Reglas Nelson Mandela", "ظروف السجون وفقا لقواعد نيلسون مانديلا"),
    ("the rights of migrant workers and their families", "les droits des travailleurs migrants et de leur famille",
     "los derechos de los trabajadores migratorios y sus familiares", "حقوق العمال المهاجرين وأسرهم"),
    ("universal health coverage in rural areas", "la couverture sanitaire universelle dans les zones rurales",
     "la cobertura sanitaria universal en las zonas rurales", "التغطية الصحية الشاملة في المناطق الريفية"),
    ("the prevention of torture and ill-treatment in places of detention",
     "la prévention de la torture et des mauvais traitements dans les lieux de détention",
     "la prevención de la tortura y los malos tratos en los lugares de detención",
     "منع التعذيب وسوء المعاملة في أماكن الاحتجاز"),
    ("the birth registration of all children", "l'enregistrement des naissances de tous les enfants",
     "la inscripción de los nacimientos de todos los niños", "تسجيل ولادات جميع الأطفال"),
    ("the participation of indigenous peoples in decisions affecting them",
     "la participation des peuples autochtones aux décisions qui les concernent",
     "la participación de los pueblos indígenas en las decisiones que les afectan",
     "مشاركة الشعوب الأصلية في القرارات التي تمسها"),
    ("investigations into all cases of violence against women", "des enquêtes sur tous les cas de violence à l'égard des femmes",
     "la investigación de todos los casos de violencia contra la mujer", "التحقيق في جميع حالات العنف ضد المرأة"),
    ("the criminalization of domestic violence and marital rape",
     "l'incrimination de la violence domestique et du viol conjugal",
     "la tipificación como delito de la violencia doméstica y la violación conyugal",
     "تجريم العنف المنزلي والاغتصاب الزوجي"),
    ("the abolition of the death penalty", "l'abolition de la peine de mort", "la abolición de la pena de muerte",
     "إلغاء عقوبة الإعدام"),
    ("freedom of expression online and offline", "la liberté d'expression en ligne et hors ligne",
     "la libertad de expresión en línea y fuera de línea", "حرية التعبير على الإنترنت وخارجه"),
    ("the minimum age of marriage of 18 years for girls and boys",
     "l'âge minimum du mariage de 18 ans pour les filles et les garçons",
     "la edad mínima para contraer matrimonio de 18 años para niñas y niños",
     "الحد الأدنى لسن الزواج 18 عاما للفتيات والفتيان"),
    ("a national human rights institution in line with the Paris Principles",
     "une institution nationale des droits de l'homme conforme aux Principes de Paris",
     "una institución nacional de derechos humanos conforme a los Principios de París",
     "مؤسسة وطنية لحقوق الإنسان وفقا لمبادئ باريس"),
    ("the fight against trafficking in persons, especially women and children",
     "la lutte contre la traite des personnes, en particulier des femmes et des enfants",
     "la lucha contra la trata de personas, en particular de mujeres y niños",
     "مكافحة الاتجار بالأشخاص، ولا سيما النساء والأطفال"),
    ("the equal representation of women in political and public life",
     "la représentation égale des femmes dans la vie politique et publique",
     "la representación igualitaria de las mujeres en la vida política y pública",
     "التمثيل المتساوي للمرأة في الحياة السياسية والعامة"),
    ("the rights of lesbian, gay, bisexual, transgender and intersex persons",
     "les droits des personnes lesbiennes, gays, bisexuelles, transgenres et intersexes",
     "los derechos de las personas lesbianas, gais, bisexuales, transgénero e intersexuales",
     "حقوق المثليات والمثليين ومزدوجي الميل الجنسي ومغايري الهوية الجنسانية وحاملي صفات الجنسين"),
    ("a juvenile justice system in line with international standards",
     "un système de justice pour mineurs conforme aux normes internationales",
     "un sistema de justicia juvenil acorde con las normas internacionales",
     "نظام لقضاء الأحداث يتماشى مع المعايير الدولية"),
    ("the reduction of maternal and infant mortality", "la réduction de la mortalité maternelle et infantile",
     "la reducción de la mortalidad materna e infantil", "خفض وفيات الأمهات والرضع"),
    ("the elimination of child labour", "l'élimination du travail des enfants", "la eliminación del trabajo infantil",
     "القضاء على عمل الأطفال"),
    ("the rights of refugees and asylum seekers", "les droits des réfugiés et des demandeurs d'asile",
     "los derechos de los refugiados y los solicitantes de asilo", "حقوق اللاجئين وملتمسي اللجوء"),
    ("the fight against corruption and impunity", "la lutte contre la corruption et l'impunité",
     "la lucha contra la corrupción y la impunidad", "مكافحة الفساد والإفلات من العقاب"),
    ("access to safe drinking water and sanitation", "l'accès à l'eau potable et à l'assainissement",
     "el acceso al agua potable y el saneamiento", "الحصول على مياه الشرب المأمونة والصرف الصحي"),
    ("the reduction of pretrial detention and prison overcrowding",
     "la réduction de la détention provisoire et de la surpopulation carcérale",
     "la reducción de la prisión preventiva y el hacinamiento penitenciario",
     "الحد من الاحتجاز السابق للمحاكمة واكتظاظ السجون"),
    ("the prohibition of racial discrimination and hate speech",
     "l'interdiction de la discrimination raciale et des discours de haine",
     "la prohibición de la discriminación racial y el discurso de odio", "حظر التمييز العنصري وخطاب الكراهية"),
    ("equal pay for women and men for work of equal value",
     "l'égalité de rémunération entre femmes et hommes pour un travail de valeur égale",
     "la igualdad de remuneración entre mujeres y hombres por un trabajo de igual valor",
     "المساواة في الأجر بين النساء والرجال عن العمل المتساوي القيمة"),
    ("human rights education in schools and for law enforcement officials",
     "l'éducation aux droits de l'homme dans les écoles et pour les responsables de l'application des lois",
     "la educación en derechos humanos en las escuelas y para los agentes del orden",
     "التثقيف في مجال حقوق الإنسان في المدارس ولموظفي إنفاذ القانون"),
    ("the adaptation to climate change of the most vulnerable communities",
     "l'adaptation aux changements climatiques des communautés les plus vulnérables",
     "la adaptación al cambio climático de las comunidades más vulnerables",
     "تكيف المجتمعات الأكثر ضعفا مع تغير المناخ"),
    ("the search for all victims of enforced disappearance",
     "la recherche de toutes les victimes de disparition forcée",
     "la búsqueda de todas las víctimas de desaparición forzada", "البحث عن جميع ضحايا الاختفاء القسري"),
]  # fmt: skip
ML_ENDINGS = [
    ("", "", "", ""),
    (", in consultation with civil society", ", en consultation avec la société civile",
     ", en consulta con la sociedad civil", "، بالتشاور مع المجتمع المدني"),
    (", and allocate sufficient human and financial resources for that purpose",
     ", et allouer à cette fin des ressources humaines et financières suffisantes",
     ", y asignar recursos humanos y financieros suficientes a tal fin",
     "، وتخصيص موارد بشرية ومالية كافية لهذا الغرض"),
    (", in line with its international obligations", ", conformément à ses obligations internationales",
     ", de conformidad con sus obligaciones internacionales", "، وفقا لالتزاماتها الدولية"),
    (", with particular attention to rural and remote areas",
     ", en accordant une attention particulière aux zones rurales et reculées",
     ", prestando especial atención a las zonas rurales y remotas", "، مع إيلاء اهتمام خاص للمناطق الريفية والنائية"),
    (" without further delay", " sans plus tarder", " sin más demora", " دون مزيد من التأخير"),
]  # fmt: skip
ML_AND = (" and ", " et ", " y ", " و")
ML_OPENINGS = {  # how a mechanism of each type addresses the State; UPR recommendations start with the verb
    "treaty_body": ("The Committee recommends that the State party ", "Le Comité recommande à l'État partie de ",
                    "El Comité recomienda al Estado parte ", "توصي اللجنة الدولة الطرف ب"),
    "special_procedure": ("The Special Rapporteur recommends that the Government ",
                          "Le Rapporteur spécial recommande au Gouvernement de ",
                          "El Relator Especial recomienda al Gobierno ", "يوصي المقرر الخاص الحكومة ب"),
}  # fmt: skip
ML_LANGUAGES = ("en", "fr", "es", "ar")
STATUS_WEIGHTS = {  # most recommendations have no information; few are implemented
    "no_information": 40, "not_started": 10, "in_progress": 25, "partially_implemented": 12,
    "implemented": 10, "not_applicable": 3,
}  # fmt: skip
POSITION_WEIGHTS = {"supported": 64, "noted": 30, "supported_in_part": 4, "pending": 2}
UPR_CYCLE_YEARS = {1: 2008, 2: 2012, 3: 2017, 4: 2022}
TREATY_BODIES = ["CCPR", "CESCR", "CERD", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CED"]


def _sentence(
    rng: random.Random, opening: tuple[str, ...] | None, endings: tuple[str, ...]
) -> tuple[str, ...]:
    """One recommendation in the four languages of ML_LANGUAGES."""
    verb, first, tail = rng.choice(ML_VERBS), rng.choice(ML_OBJECTS), rng.choice(ML_ENDINGS)
    second = rng.choice(ML_OBJECTS) if rng.random() < 0.35 else None
    texts = []
    for i, ending in enumerate(endings):
        body = f"{verb[i]} {first[i]}" + (f"{ML_AND[i]}{second[i]}" if second else "") + tail[i]
        if opening is not None:
            body = opening[i] + (body[0].lower() + body[1:] if i == 0 else body)
        else:
            body = body[0].upper() + body[1:]
        texts.append(body + ending)
    return tuple(texts)


@dataclass
class Index:
    """What build_index added, so that remove() can take it away again."""

    published_ids: list[int]
    documents: list[int]
    clusters: list[int]
    institutions: list[int]

    def remove(self) -> None:
        """Empty the recommendations table (it held the index alone) and delete what the index needed."""
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Recommendation._meta.db_table} CASCADE")
        SourceDocument.objects.filter(pk__in=self.documents).delete()
        Cluster.objects.filter(pk__in=self.clusters).delete()
        Institution.objects.filter(pk__in=self.institutions).delete()


def _documents(rng: random.Random, countries: list[tuple]) -> tuple[list[SourceDocument], list[int]]:
    """For every State: a UPR report per cycle, five treaty-body reviews and a country visit; and how
    many recommendations each tends to hold."""
    mechanisms = {m.code: m for m in Mechanism.objects.all()}
    procedures = [m for m in mechanisms.values() if m.type == Mechanism.Type.SPECIAL_PROCEDURE]
    documents: list[SourceDocument] = []
    weights: list[int] = []
    for state_pk, *_names in countries:
        for cycle, year in UPR_CYCLE_YEARS.items():
            day = datetime.date(year + rng.randrange(4), rng.randrange(1, 13), rng.randrange(1, 29))
            documents.append(
                SourceDocument(
                    symbol=f"A/HRC/{cycle * 14 + rng.randrange(14)}/{state_pk}/C{cycle}",
                    mechanism=mechanisms["UPR"],
                    state_id=state_pk,
                    cycle=cycle,
                    date=day,
                )
            )
            weights.append(150)
        for code in rng.sample(TREATY_BODIES, 5):
            day = datetime.date(2008 + rng.randrange(18), rng.randrange(1, 13), 1)
            documents.append(
                SourceDocument(
                    symbol=f"{code}/C/{state_pk}/CO/{rng.randrange(1, 8)}",
                    mechanism=mechanisms[code],
                    state_id=state_pk,
                    date=day,
                )
            )
            weights.append(45)
        procedure = rng.choice(procedures)
        day = datetime.date(2008 + rng.randrange(18), rng.randrange(1, 13), 1)
        documents.append(
            SourceDocument(
                symbol=f"A/HRC/{rng.randrange(10, 60)}/{procedure.pk}/Add.{state_pk}",
                mechanism=procedure,
                state_id=state_pk,
                date=day,
            )
        )
        weights.append(45)
    return SourceDocument.objects.bulk_create(documents, batch_size=2000), weights


def build_index(count: int, *, seed: int = 13) -> Index:
    """`count` published recommendations (and 3 % more withheld) spread like the whole UHRI, by COPY.

    About two thirds come from the UPR (four cycles), the rest from treaty bodies and special
    procedures, for every State in the country list; each has themes, some concerned groups, SDG goals
    and targets, a cluster and institutions, and a text in its original language and in English (plus
    French, Spanish or Arabic for some). The recommendations table must be empty, so that exactly
    `count` are public and remove() can truncate it. The GIN (full-text and trigram) indexes are dropped
    during the COPY and built again after it, which is twice as fast as updating them row by row.
    """
    if Recommendation.objects.exists():
        raise RuntimeError("build_index needs an empty recommendations table")
    rng = random.Random(seed)
    sdg_load_shipped()
    countries = list(Country.objects.values_list("pk", "name_en", "name_fr", "name_es", "name_ar"))
    documents, weights = _documents(rng, countries)
    themes = list(Theme.objects.values_list("pk", flat=True))
    theme_weights = [1 / (rank + 1) for rank in range(len(themes))]  # a few themes are very common
    groups = list(ConcernedGroup.objects.values_list("pk", flat=True))
    goals = list(Goal.objects.values_list("pk", flat=True))
    targets = list(Target.objects.values_list("pk", flat=True))
    clusters = [
        cluster.pk
        for cluster in Cluster.objects.bulk_create(
            Cluster(name=f"Index cluster {i}", name_en=f"Index cluster {i}") for i in range(400)
        )
    ]
    institutions = [
        institution.pk
        for institution in Institution.objects.bulk_create(
            Institution(name=f"Index ministry {i}", name_en=f"Index ministry {i}") for i in range(80)
        )
    ]
    statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    positions, position_weights = list(POSITION_WEIGHTS), list(POSITION_WEIGHTS.values())
    table = Recommendation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")
        first_id = cursor.fetchone()[0]
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        gin_indexes = [(name, sql) for name, sql in cursor.fetchall() if " USING gin " in sql]
        for name, _sql in gin_indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    total = count + count * 3 // 100
    last_id = first_id + total - 1
    withheld = set(rng.sample(range(first_id, last_id + 1), total - count))
    now = timezone.now()
    paragraphs: dict[int, int] = {}
    links: dict[str, list[tuple[int, int]]] = {field.name: [] for field in Recommendation._meta.many_to_many}

    def rows() -> Iterator[tuple]:
        for pk, document in enumerate(rng.choices(documents, weights=weights, k=total), start=first_id):
            upr = document.mechanism.type == Mechanism.Type.UPR
            if upr:
                recommending = rng.choice(countries)
                texts = _sentence(rng, None, tuple(f" ({name});" for name in recommending[1:]))
                links["recommending_states"].append((pk, recommending[0]))
            else:
                texts = _sentence(rng, ML_OPENINGS[document.mechanism.type], (".",) * 4)
            own = dict(zip(ML_LANGUAGES, texts, strict=True))
            original = rng.choices(ML_LANGUAGES, weights=(80, 12, 6, 2))[0]
            translated = {
                language: own[language] if language == original or rng.random() < share else None
                for language, share in (("fr", 0.15), ("es", 0.08), ("ar", 0.05))
            }
            status = rng.choices(statuses, weights=status_weights)[0]
            status_date = document.date + datetime.timedelta(days=rng.randrange(30, 1500))
            paragraphs[document.pk] = paragraphs.get(document.pk, 0) + 1
            paragraph = f"{100 + document.pk % 60}.{paragraphs[document.pk]}"
            yield (
                pk, document.state_id, own[original], own["en"], translated["fr"], translated["es"],
                translated["ar"], original,
                rng.choice(["recommendation"] * 9 + ["voluntary_pledge" if upr else "observation"]),
                document.mechanism_id, document.pk, paragraph, paragraph_key(paragraph), document.date,
                document.cycle,
                rng.choices(positions, weights=position_weights)[0] if upr else "",
                rng.choice(clusters) if rng.random() < 0.6 else None,
                rng.choice(institutions) if rng.random() < 0.5 else None,
                status, None if status == "no_information" else status_date, rng.random() < 0.15,
                pk not in withheld, f"uhri-{pk:08d}", now, now, False, "",
            )  # fmt: skip
            for theme in set(rng.choices(themes, weights=theme_weights, k=rng.randint(1, 3))):
                links["themes"].append((pk, theme))
            links["groups"].extend((pk, group) for group in rng.sample(groups, rng.choice([0, 0, 1, 1, 2])))
            links["sdg_goals"].extend((pk, goal) for goal in rng.sample(goals, rng.choice([0, 1, 1, 2])))
            if rng.random() < 0.3:
                links["sdg_targets"].append((pk, rng.choice(targets)))
            links["supporting_institutions"].extend(
                (pk, institution) for institution in rng.sample(institutions, rng.choice([0, 0, 0, 1, 2]))
            )

    insert_rows(
        Recommendation,
        ["id", "state_id", "text", "text_en", "text_fr", "text_es", "text_ar", "original_language", "kind",
         "mechanism_id", "source_document_id", "paragraph", "paragraph_key", "date", "cycle", "position",
         "cluster_id", "lead_institution_id", "status", "status_date", "requires_legislation", "published",
         "external_id", "created_at", "updated_at", "archived", "session"],
        rows(),
    )  # fmt: skip
    for field in Recommendation._meta.many_to_many:
        columns = ["recommendation_id", field.m2m_reverse_field_name() + "_id"]
        insert_rows(field.remote_field.through, columns, links[field.name])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [last_id])
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _name, sql in gin_indexes:
            cursor.execute(sql)
        cursor.execute("RESET maintenance_work_mem")
    return Index(
        published_ids=[pk for pk in range(first_id, last_id + 1) if pk not in withheld],
        documents=[document.pk for document in documents],
        clusters=clusters,
        institutions=institutions,
    )
