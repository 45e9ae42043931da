"""The authored demo data set: the Republic of Valdoria, its NMIRF and what the UN recommended to it.

Everything here is fictional but written the way the real documents read: UPR recommendations end
with the recommending State in parentheses (added by the loader), treaty bodies separate their
concerns from their recommendations, special procedures report on country visits. Codes (themes,
concerned groups, SDG targets, mechanisms, countries) are those seeded by the migrations and by
`sdg.services.sdg_load_shipped`; institutions and clusters are referred to by the keys below.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

# Seed of the UHRI-like external identifiers: uuid5(EXTERNAL_ID_NAMESPACE, "<symbol>#<paragraph>").
EXTERNAL_ID_NAMESPACE = uuid.UUID("6f1c7a52-3d0e-5b8e-9a41-0c2d7e5b9f13")
AUDIT_ACTION = "load_demo"
AUDIT_DESCRIPTION = "Demo data for the Republic of Valdoria"

SUPPORTED = "supported"
SUPPORTED_IN_PART = "supported_in_part"
NOTED = "noted"


@dataclass(frozen=True)
class Tr:
    """A text in English with, where the UN issued them, its French, Spanish and Arabic versions."""

    en: str
    fr: str = ""
    es: str = ""
    ar: str = ""


Text = str | Tr


@dataclass(frozen=True)
class InstitutionSpec:
    key: str
    name: Tr
    kind: str
    membership: str
    acronym: str = ""
    parent: str = ""


@dataclass(frozen=True)
class ClusterSpec:
    key: str
    name: Tr
    objective: str
    lead: str
    support: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """What a family of recommendations is about, and who answers for it."""

    cluster: str
    themes: tuple[str, ...]
    groups: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    lead: str = ""  # the cluster's lead institution when empty
    support: tuple[str, ...] = ()
    legislation: bool = False


@dataclass(frozen=True)
class DocumentSpec:
    symbol: str
    mechanism: str
    title: str
    date: date
    session: str
    cycle: int | None = None
    # False for a document that the secretariat has not processed yet: no cluster, no institution.
    processed: bool = True


@dataclass(frozen=True)
class UprItem:
    """One recommendation text, made by `count` recommending States (or by the `states` given)."""

    topic: str
    text: Tr
    count: int = 1
    position: str = SUPPORTED
    pool: str = "any"
    states: tuple[str, ...] = ()
    original: str = "en"
    status: str = ""
    status_date: date | None = None


@dataclass(frozen=True)
class Rec:
    """A treaty-body or special-procedure recommendation, when it differs from its section."""

    text: Text
    topic: str = ""
    status: str = ""
    status_date: date | None = None


@dataclass(frozen=True)
class Section:
    """A concern (paragraph `number`, kind observation) and the recommendations that answer it
    (paragraph `number + 1`, lettered when there are several); without a concern the
    recommendations take paragraph `number` itself."""

    topic: str
    number: int
    concern: Text | None
    recs: tuple[Text | Rec, ...] = ()


@dataclass(frozen=True)
class Pledge:
    topic: str
    paragraph: str
    text: Text


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    staff: bool = False
    superuser: bool = False
    institution: str = ""
    focal_role: str = "focal_point"
    title: str = ""
    start: date | None = None


def upr(
    topic: str,
    text: str,
    count: int = 1,
    *,
    original: str = "en",
    en: str = "",
    fr: str = "",
    es: str = "",
    ar: str = "",
    position: str = SUPPORTED,
    pool: str = "any",
    states: tuple[str, ...] = (),
    status: str = "",
    on: str = "",
) -> UprItem:
    """`text` is in the `original` language; the other arguments are its official translations."""
    texts = {"en": en, "fr": fr, "es": es, "ar": ar} | {original: text}
    return UprItem(
        topic=topic,
        text=Tr(**texts),
        count=len(states) or count,
        position=position,
        pool=pool,
        states=states,
        original=original,
        status=status,
        status_date=date.fromisoformat(on) if on else None,
    )


# The State -----------------------------------------------------------------------------------------

STATE_CODE = "XVD"
STATE_NAMES = {
    "ar": "فالدوريا",
    "en": "Valdoria",
    "es": "Valdoria",
    "fr": "Valdorie",
    "ru": "Валдория",
    "zh-hans": "瓦尔多利亚",
}

# Names of recommending States as the UN documents print them, where the seeded country name differs.
STATE_LABELS: dict[str, dict[str, str]] = {
    "GBR": {
        "en": "United Kingdom of Great Britain and Northern Ireland",
        "fr": "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "es": "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "ar": "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
    },
    "USA": {
        "en": "United States of America",
        "fr": "États-Unis d'Amérique",
        "es": "Estados Unidos de América",
        "ar": "الولايات المتحدة الأمريكية",
    },
    "VNM": {"en": "Viet Nam", "fr": "Viet Nam", "es": "Viet Nam", "ar": "فييت نام"},
    "TUR": {"ar": "تركيا"},
    "TUN": {"es": "Túnez"},
    "CIV": {"es": "Côte d'Ivoire", "ar": "كوت ديفوار"},
    "SLV": {"fr": "El Salvador"},
    "SAU": {"es": "Arabia Saudita"},
    "MDV": {"es": "Maldivas"},
    "CPV": {"fr": "Cabo Verde"},
    "TLS": {"fr": "Timor-Leste", "es": "Timor-Leste"},
    "BFA": {"es": "Burkina Faso"},
    "BWA": {"es": "Botswana"},
    "LTU": {"ar": "ليتوانيا"},
    "MNE": {"ar": "الجبل الأسود"},
    "NZL": {"ar": "نيوزيلندا"},
}

# Recommending States, by the regional groups whose members tend to make a kind of recommendation.
_WEOG = "ESP FRA DEU ITA PRT BEL NLD LUX IRL GBR NOR SWE DNK FIN ISL CHE AUT AUS NZL CAN USA"
_EASTERN_EUROPE = "CZE SVN SVK POL EST LVA LTU HRV GRC CYP MLT MNE ALB MKD BGR ROU UKR GEO ARM"
_LATIN_AMERICA = "MEX ARG BRA CHL URY PRY PER COL ECU CRI PAN GTM HND SLV DOM"
_AFRICA = "SEN GHA NGA ZAF NAM BWA KEN RWA ETH UGA TGO BEN CIV BFA MLI NER SLE GMB MOZ AGO ZMB MWI CMR GAB MDG MUS CPV"
_ASIA_PACIFIC = "JPN CHN IND IDN PHL THA VNM MYS SGP LKA NPL BGD PAK MDV FJI TLS MNG KAZ UZB KGZ"
_ARAB = "MAR TUN DZA EGY QAT ARE SAU OMN KWT BHR JOR LBN IRQ"
_OTHER = "CUB NIC BLR AZE TUR"
POOLS: dict[str, tuple[str, ...]] = {
    "any": tuple(
        " ".join((_WEOG, _EASTERN_EUROPE, _LATIN_AMERICA, _AFRICA, _ASIA_PACIFIC, _ARAB, _OTHER)).split()
    ),
    "rights": tuple(" ".join((_WEOG, _EASTERN_EUROPE, _LATIN_AMERICA)).split()),
    "south": tuple(" ".join((_AFRICA, _ASIA_PACIFIC, _ARAB, _OTHER, _LATIN_AMERICA)).split()),
    "migration": tuple(" ".join((_LATIN_AMERICA, _AFRICA, "PHL IDN LKA BGD NPL PAK")).split()),
}


# Institutions (MGF §7): those with legal responsibility for implementation are full members;
# the judiciary, sub-national governments, the NHRI, civil society, academia and the UN are observers.

FULL = "full"
OBSERVER = "observer"


def _inst(
    key: str, kind: str, membership: str, en: str, fr: str, es: str, ar: str, **extra: str
) -> InstitutionSpec:
    return InstitutionSpec(
        key=key, name=Tr(en=en, fr=fr, es=es, ar=ar), kind=kind, membership=membership, **extra
    )


INSTITUTIONS: tuple[InstitutionSpec, ...] = (
    _inst(
        "MOJ",
        "ministry",
        FULL,
        "Ministry of Justice",
        "Ministère de la Justice",
        "Ministerio de Justicia",
        "وزارة العدل",
        acronym="MOJ",
    ),
    _inst(
        "MFA",
        "ministry",
        FULL,
        "Ministry of Foreign Affairs",
        "Ministère des Affaires étrangères",
        "Ministerio de Relaciones Exteriores",
        "وزارة الخارجية",
        acronym="MFA",
    ),
    _inst(
        "MOI",
        "ministry",
        FULL,
        "Ministry of the Interior",
        "Ministère de l'Intérieur",
        "Ministerio del Interior",
        "وزارة الداخلية",
        acronym="MOI",
    ),
    _inst(
        "MOH",
        "ministry",
        FULL,
        "Ministry of Health",
        "Ministère de la Santé",
        "Ministerio de Salud",
        "وزارة الصحة",
        acronym="MOH",
    ),
    _inst(
        "MOE",
        "ministry",
        FULL,
        "Ministry of Education",
        "Ministère de l'Éducation",
        "Ministerio de Educación",
        "وزارة التربية والتعليم",
        acronym="MOE",
    ),
    _inst(
        "MOLE",
        "ministry",
        FULL,
        "Ministry of Labour and Employment",
        "Ministère du Travail et de l'Emploi",
        "Ministerio de Trabajo y Empleo",
        "وزارة العمل والتشغيل",
        acronym="MOLE",
    ),
    _inst(
        "MSAFC",
        "ministry",
        FULL,
        "Ministry of Social Affairs, Family and Children",
        "Ministère des Affaires sociales, de la Famille et de l'Enfance",
        "Ministerio de Asuntos Sociales, Familia e Infancia",
        "وزارة الشؤون الاجتماعية والأسرة والطفولة",
        acronym="MSAFC",
    ),
    _inst(
        "MOF",
        "ministry",
        FULL,
        "Ministry of Finance",
        "Ministère des Finances",
        "Ministerio de Hacienda",
        "وزارة المالية",
        acronym="MOF",
    ),
    _inst(
        "MPD",
        "ministry",
        FULL,
        "Ministry of Planning and Development",
        "Ministère de la Planification et du Développement",
        "Ministerio de Planificación y Desarrollo",
        "وزارة التخطيط والتنمية",
        acronym="MPD",
    ),
    _inst(
        "MWGE",
        "ministry",
        FULL,
        "Ministry of Women and Gender Equality",
        "Ministère de la Femme et de l'Égalité des genres",
        "Ministerio de la Mujer e Igualdad de Género",
        "وزارة المرأة والمساواة بين الجنسين",
        acronym="MWGE",
    ),
    _inst(
        "MECA",
        "ministry",
        FULL,
        "Ministry of Environment and Climate Action",
        "Ministère de l'Environnement et de l'Action climatique",
        "Ministerio de Ambiente y Acción Climática",
        "وزارة البيئة والعمل المناخي",
        acronym="MECA",
    ),
    _inst(
        "OAG",
        "department",
        FULL,
        "Office of the Attorney General",
        "Bureau du Procureur général",
        "Fiscalía General de la República",
        "مكتب النائب العام",
        acronym="OAG",
    ),
    _inst(
        "PNV",
        "state_agency",
        FULL,
        "National Police",
        "Police nationale",
        "Policía Nacional",
        "الشرطة الوطنية",
        acronym="PNV",
        parent="MOI",
    ),
    _inst(
        "SPN",
        "state_agency",
        FULL,
        "National Penitentiary Service",
        "Service pénitentiaire national",
        "Servicio Penitenciario Nacional",
        "مصلحة السجون الوطنية",
        acronym="SPN",
        parent="MOJ",
    ),
    _inst(
        "DGMA",
        "department",
        FULL,
        "Directorate-General for Migration and Asylum",
        "Direction générale des migrations et de l'asile",
        "Dirección General de Migración y Asilo",
        "المديرية العامة للهجرة واللجوء",
        acronym="DGMA",
        parent="MOI",
    ),
    _inst(
        "NSO",
        "statistics_office",
        FULL,
        "National Statistics Office",
        "Office national de la statistique",
        "Instituto Nacional de Estadística",
        "المكتب الوطني للإحصاء",
        acronym="NSO",
    ),
    _inst(
        "PARL",
        "parliament",
        FULL,
        "Human Rights Committee of the National Assembly",
        "Commission des droits de l'homme de l'Assemblée nationale",
        "Comisión de Derechos Humanos de la Asamblea Nacional",
        "لجنة حقوق الإنسان في الجمعية الوطنية",
    ),
    _inst(
        "SCJ",
        "judiciary",
        OBSERVER,
        "Supreme Council of the Judiciary",
        "Conseil supérieur de la magistrature",
        "Consejo Superior de la Judicatura",
        "المجلس الأعلى للقضاء",
        acronym="SCJ",
    ),
    _inst(
        "RNH",
        "regional_government",
        OBSERVER,
        "Regional Government of the Northern Highlands",
        "Gouvernement régional des Hautes Terres du Nord",
        "Gobierno Regional de las Tierras Altas del Norte",
        "الحكومة الإقليمية للمرتفعات الشمالية",
    ),
    _inst(
        "RSC",
        "regional_government",
        OBSERVER,
        "Regional Government of the Southern Coast",
        "Gouvernement régional de la Côte Sud",
        "Gobierno Regional de la Costa Sur",
        "الحكومة الإقليمية للساحل الجنوبي",
    ),
    _inst(
        "MARV",
        "local_government",
        OBSERVER,
        "Municipality of Marvella",
        "Municipalité de Marvella",
        "Municipalidad de Marvella",
        "بلدية مارفيلا",
    ),
    _inst(
        "NHRC",
        "nhri",
        OBSERVER,
        "National Human Rights Commission",
        "Commission nationale des droits de l'homme",
        "Comisión Nacional de Derechos Humanos",
        "اللجنة الوطنية لحقوق الإنسان",
        acronym="NHRC",
    ),
    _inst(
        "VCRC",
        "civil_society",
        OBSERVER,
        "Valdorian Coalition for the Rights of the Child",
        "Coalition valdorienne pour les droits de l'enfant",
        "Coalición Valdoriana por los Derechos del Niño",
        "الائتلاف الفالدوري لحقوق الطفل",
        acronym="VCRC",
    ),
    _inst(
        "WRNV",
        "civil_society",
        OBSERVER,
        "Women's Rights Network of Valdoria",
        "Réseau valdorien pour les droits des femmes",
        "Red Valdoriana por los Derechos de las Mujeres",
        "الشبكة الفالدورية لحقوق المرأة",
        acronym="WRNV",
    ),
    _inst(
        "VDF",
        "civil_society",
        OBSERVER,
        "Valdoria Disability Forum",
        "Forum valdorien des personnes handicapées",
        "Foro Valdoriano de la Discapacidad",
        "المنتدى الفالدوري للإعاقة",
        acronym="VDF",
    ),
    _inst(
        "UVLC",
        "academia",
        OBSERVER,
        "University of Valdoria Human Rights Law Clinic",
        "Clinique juridique des droits de l'homme de l'Université de Valdorie",
        "Clínica Jurídica de Derechos Humanos de la Universidad de Valdoria",
        "العيادة القانونية لحقوق الإنسان بجامعة فالدوريا",
    ),
    _inst(
        "RCO",
        "un_entity",
        OBSERVER,
        "United Nations Resident Coordinator's Office",
        "Bureau du Coordonnateur résident des Nations Unies",
        "Oficina del Coordinador Residente de las Naciones Unidas",
        "مكتب المنسق المقيم للأمم المتحدة",
        acronym="RCO",
    ),
    _inst(
        "UNICEF",
        "un_entity",
        OBSERVER,
        "UNICEF Valdoria Country Office",
        "Bureau de pays de l'UNICEF en Valdorie",
        "Oficina de País del UNICEF en Valdoria",
        "المكتب القطري لليونيسف في فالدوريا",
        acronym="UNICEF",
    ),
)


def _cluster(
    key: str, lead: str, support: str, objective: str, en: str, fr: str, es: str, ar: str
) -> ClusterSpec:
    return ClusterSpec(
        key=key,
        name=Tr(en=en, fr=fr, es=es, ar=ar),
        objective=objective,
        lead=lead,
        support=tuple(support.split()),
    )


CLUSTERS: tuple[ClusterSpec, ...] = (
    _cluster(
        "instruments",
        "MFA",
        "MOJ PARL",
        "Complete the ratification of the core human rights treaties and of the relevant ILO conventions by 2027, and submit every periodic report to the treaty bodies on time.",
        "Ratification of international instruments and cooperation with UN mechanisms",
        "Ratification des instruments internationaux et coopération avec les mécanismes des Nations Unies",
        "Ratificación de instrumentos internacionales y cooperación con los mecanismos de las Naciones Unidas",
        "التصديق على الصكوك الدولية والتعاون مع آليات الأمم المتحدة",
    ),
    _cluster(
        "framework",
        "MOJ",
        "MFA MPD NSO",
        "Keep an independent national human rights institution with A status, a costed national human rights action plan and a public tracking system that follows up every recommendation.",
        "National human rights institution, action plan and follow-up system",
        "Institution nationale des droits de l'homme, plan d'action et système de suivi",
        "Institución nacional de derechos humanos, plan de acción y sistema de seguimiento",
        "المؤسسة الوطنية لحقوق الإنسان وخطة العمل ونظام المتابعة",
    ),
    _cluster(
        "equality",
        "MOJ",
        "MSAFC PARL",
        "Adopt and enforce a comprehensive anti-discrimination law with an independent equality body, and reduce the discrimination reported in the national survey.",
        "Equality and non-discrimination",
        "Égalité et non-discrimination",
        "Igualdad y no discriminación",
        "المساواة وعدم التمييز",
    ),
    _cluster(
        "gbv",
        "MWGE",
        "MOI PNV OAG MOH",
        "Implement Law No. 14 of 2021 in full: shelters and specialized police units in every region, prosecution of every reported case and a national register of gender-based violence.",
        "Violence against women and girls",
        "Violence à l'égard des femmes et des filles",
        "Violencia contra las mujeres y las niñas",
        "العنف ضد النساء والفتيات",
    ),
    _cluster(
        "women",
        "MWGE",
        "MOLE PARL",
        "Reach gender parity in elected and appointed office and close the gender pay gap, including through a national care system.",
        "Women's participation and economic empowerment",
        "Participation et autonomisation économique des femmes",
        "Participación y empoderamiento económico de las mujeres",
        "مشاركة المرأة وتمكينها اقتصادياً",
    ),
    _cluster(
        "children",
        "MSAFC",
        "MOE MOH MOI",
        "Protect every child from violence, exploitation and child marriage, register every birth and move children from institutions into family-based care.",
        "Rights and protection of the child",
        "Droits et protection de l'enfant",
        "Derechos y protección de la infancia",
        "حقوق الطفل وحمايته",
    ),
    _cluster(
        "juvenile",
        "MOJ",
        "SPN PNV",
        "Raise the minimum age of criminal responsibility to 14 and make the detention of children a measure of last resort, with diversion available in every judicial district.",
        "Juvenile justice",
        "Justice pour mineurs",
        "Justicia juvenil",
        "قضاء الأحداث",
    ),
    _cluster(
        "detention",
        "MOJ",
        "SPN OAG MOH",
        "Bring prison occupancy below 100 per cent, have every allegation of torture investigated independently and move from the de facto moratorium to the abolition of the death penalty.",
        "Right to life, prevention of torture and conditions of detention",
        "Droit à la vie, prévention de la torture et conditions de détention",
        "Derecho a la vida, prevención de la tortura y condiciones de detención",
        "الحق في الحياة ومنع التعذيب وظروف الاحتجاز",
    ),
    _cluster(
        "justice",
        "MOJ",
        "OAG MOF",
        "Guarantee free legal aid in every region, a merit-based judicial career and the effective prosecution of corruption.",
        "Access to justice, judicial independence and anti-corruption",
        "Accès à la justice, indépendance de la justice et lutte contre la corruption",
        "Acceso a la justicia, independencia judicial y lucha contra la corrupción",
        "الوصول إلى العدالة واستقلال القضاء ومكافحة الفساد",
    ),
    _cluster(
        "policing",
        "MOI",
        "PNV OAG",
        "Adopt a use-of-force law in line with international standards, ensure accountability for the events of October 2019 and align counter-terrorism legislation with human rights.",
        "Law enforcement, use of force and counter-terrorism",
        "Application des lois, recours à la force et lutte antiterroriste",
        "Aplicación de la ley, uso de la fuerza y lucha contra el terrorismo",
        "إنفاذ القانون واستخدام القوة ومكافحة الإرهاب",
    ),
    _cluster(
        "civic",
        "MOI",
        "MOJ PARL",
        "Decriminalize defamation, replace the prior authorization of assemblies with notification and protect human rights defenders and journalists through a mechanism established by law.",
        "Civic space: expression, assembly, association and human rights defenders",
        "Espace civique : expression, réunion, association et défenseurs des droits de l'homme",
        "Espacio cívico: expresión, reunión, asociación y defensores de los derechos humanos",
        "الفضاء المدني: التعبير والتجمع وتكوين الجمعيات والمدافعون عن حقوق الإنسان",
    ),
    _cluster(
        "trafficking",
        "MOI",
        "MOLE MSAFC OAG",
        "Identify and assist every victim of trafficking and increase the number of convictions of traffickers under the national action plan against trafficking in persons.",
        "Trafficking in persons and forced labour",
        "Traite des personnes et travail forcé",
        "Trata de personas y trabajo forzoso",
        "الاتجار بالأشخاص والعمل الجبري",
    ),
    _cluster(
        "health",
        "MOH",
        "MOF MWGE",
        "Halve maternal mortality in the Northern Highlands by 2030 and reach universal health coverage with lower out-of-pocket payments.",
        "Right to health, including sexual and reproductive health",
        "Droit à la santé, y compris la santé sexuelle et procréative",
        "Derecho a la salud, incluida la salud sexual y reproductiva",
        "الحق في الصحة، بما في ذلك الصحة الجنسية والإنجابية",
    ),
    _cluster(
        "education",
        "MOE",
        "MOF RNH",
        "Keep every child in school until the end of secondary education, with inclusive and intercultural bilingual teaching.",
        "Right to education",
        "Droit à l'éducation",
        "Derecho a la educación",
        "الحق في التعليم",
    ),
    _cluster(
        "poverty",
        "MSAFC",
        "MPD MOF",
        "Extend social protection to the informal economy and to rural households, and give every household safe water, sanitation and adequate housing.",
        "Poverty, social protection and an adequate standard of living",
        "Pauvreté, protection sociale et niveau de vie suffisant",
        "Pobreza, protección social y nivel de vida adecuado",
        "الفقر والحماية الاجتماعية ومستوى المعيشة اللائق",
    ),
    _cluster(
        "labour",
        "MOLE",
        "MSAFC",
        "Eliminate child labour, extend labour protection to domestic and informal workers and strengthen the labour inspectorate.",
        "Decent work and labour rights",
        "Travail décent et droits des travailleurs",
        "Trabajo decente y derechos laborales",
        "العمل اللائق وحقوق العمال",
    ),
    _cluster(
        "disability",
        "MSAFC",
        "MOE MOH MOJ",
        "Replace guardianship with supported decision-making, close long-stay institutions and make schools, transport and public services accessible.",
        "Rights of persons with disabilities",
        "Droits des personnes handicapées",
        "Derechos de las personas con discapacidad",
        "حقوق الأشخاص ذوي الإعاقة",
    ),
    _cluster(
        "indigenous",
        "MOJ",
        "MPD NSO",
        "Guarantee free, prior and informed consent, complete the titling of indigenous lands and adopt a national plan against racism informed by disaggregated data.",
        "Indigenous peoples, Afro-Valdorians and racial discrimination",
        "Peuples autochtones, Afro-Valdoriens et discrimination raciale",
        "Pueblos indígenas, afrovaldorianos y discriminación racial",
        "الشعوب الأصلية والفالدوريون المنحدرون من أصل أفريقي والتمييز العنصري",
    ),
    _cluster(
        "migration",
        "MOI",
        "DGMA MFA MOLE",
        "Replace immigration detention with alternatives, guarantee access to asylum and to basic services, and end statelessness.",
        "Migrants, refugees, asylum seekers and stateless persons",
        "Migrants, réfugiés, demandeurs d'asile et apatrides",
        "Migrantes, refugiados, solicitantes de asilo y apátridas",
        "المهاجرون واللاجئون وملتمسو اللجوء وعديمو الجنسية",
    ),
    _cluster(
        "environment",
        "MECA",
        "MPD MOLE",
        "Adopt a national action plan on business and human rights and make climate and mining policies protect the communities most affected.",
        "Business, environment and climate change",
        "Entreprises, environnement et changements climatiques",
        "Empresas, medio ambiente y cambio climático",
        "الأعمال التجارية والبيئة وتغير المناخ",
    ),
)


def _topic(
    cluster: str,
    themes: str,
    groups: str = "",
    targets: str = "",
    lead: str = "",
    support: str = "",
    law: bool = False,
) -> Topic:
    return Topic(
        cluster=cluster,
        themes=tuple(themes.split()),
        groups=tuple(groups.split()),
        targets=tuple(targets.split()),
        lead=lead,
        support=tuple(support.split()),
        legislation=law,
    )


_TORTURE = "prohibition-of-torture-ill-treatment-including-cruel-inhuman-or-degrading-treatment"
_DETAINEES = "persons-deprived-of-their-liberty-detainees"
_RATIFICATION = "ratification-of-accession-to-international-instruments"
_POLICE = "law-enforcement-police-prison-officials"
_CHILDREN_AT_RISK = (
    "children-in-vulnerable-situations-abused-living-on-the-street-institutionalized-indigenous-migrant-c"
)

TOPICS: dict[str, Topic] = {
    # Ratification and cooperation
    "ratification": _topic("instruments", _RATIFICATION, support="MOJ"),
    "ratification-torture": _topic(
        "instruments",
        f"{_RATIFICATION} {_TORTURE} national-preventive-mechanism-npm",
        _DETAINEES,
        "16.3",
        support="MOJ",
    ),
    "ratification-migrants": _topic("instruments", _RATIFICATION, "migrants", "10.7", support="MOLE DGMA"),
    "ratification-disappearance": _topic(
        "instruments",
        f"{_RATIFICATION} enforced-disappearances",
        "disappeared-persons",
        "16.3",
        support="MOJ",
    ),
    "ratification-death-penalty": _topic(
        "instruments", f"{_RATIFICATION} death-penalty", targets="16.1", support="MOJ"
    ),
    "ratification-ilo": _topic(
        "labour",
        f"{_RATIFICATION} labour-rights-and-right-to-work",
        targets="8.8",
        lead="MOLE",
        support="MFA",
    ),
    "cooperation": _topic(
        "instruments",
        "cooperation-follow-up-with-special-procedures cooperation-with-human-rights-mechanisms-requests-for-technical-assistance",
    ),
    "reporting": _topic("instruments", "cooperation-follow-up-with-treaty-bodies", support="MOJ"),
    "general": _topic("", "general-framework-of-implementation universal-or-cross-cutting-issues"),
    # National framework
    "nhri": _topic("framework", "national-human-rights-institution-nhri", targets="16.a", support="MOF PARL"),
    "nmirf": _topic(
        "framework",
        "national-mechanisms-for-implementation-reporting-and-follow-up-nmirf cooperation-follow-up-with-the-universal-periodic-review-upr",
        "civil-society",
        support="MFA",
    ),
    "nap": _topic(
        "framework",
        "national-human-rights-action-plans-or-specific-areas-implementation-plans",
        support="MPD",
    ),
    "data": _topic("framework", "data-collection-research", targets="17.18", lead="NSO", support="MPD"),
    "sdg-plan": _topic(
        "framework",
        "2030-agenda-other-voluntary-commitments right-to-development",
        targets="17.14",
        lead="MPD",
    ),
    "hr-training": _topic(
        "framework",
        "human-rights-education-trainings-awareness-raising",
        "public-officials",
        "16.a",
        support="PNV",
    ),
    # Equality
    "non-discrimination": _topic(
        "equality",
        "equality-non-discrimination constitutional-legislative-framework",
        targets="10.3 16.b",
        law=True,
    ),
    "lgbti": _topic(
        "equality",
        "equality-non-discrimination private-life-privacy",
        "lesbian-gay-bisexual-and-transgender-and-intersex-persons-lgbti",
        "10.3 16.b",
    ),
    "lgbti-law": _topic(
        "equality",
        "equality-non-discrimination private-life-privacy constitutional-legislative-framework",
        "lesbian-gay-bisexual-and-transgender-and-intersex-persons-lgbti",
        "16.b",
        law=True,
    ),
    "hate-speech": _topic(
        "equality",
        "equality-non-discrimination freedom-of-opinion-and-expression-access-to-information",
        "minorities-racial-ethnic-linguistic-religious-or-descent-based-groups",
        "16.b",
        support="OAG",
    ),
    # Violence against women
    "vaw-law": _topic(
        "gbv",
        "violence-against-women sexual-gender-based-violence constitutional-legislative-framework",
        "women-girls",
        "5.2",
        support="MOJ PARL",
        law=True,
    ),
    "vaw-response": _topic(
        "gbv",
        "violence-against-women access-to-justice-remedy support-to-victims-witnesses",
        "women-girls",
        "5.2 16.3",
        support="PNV OAG MOH",
    ),
    "vaw-data": _topic(
        "gbv", "violence-against-women data-collection-research", "women-girls", "5.2 17.18", support="NSO"
    ),
    # Women
    "women-participation": _topic(
        "women",
        "participation-of-women-in-political-public-life advancement-of-women",
        "women-girls",
        "5.5",
        support="PARL",
    ),
    "women-economic": _topic(
        "women",
        "advancement-of-women discrimination-against-women labour-rights-and-right-to-work",
        "women-girls",
        "5.a 8.5",
        support="MOLE",
    ),
    "rural-women": _topic(
        "women",
        "advancement-of-women land-property-rights",
        "women-girls persons-living-in-rural-areas",
        "5.a 2.3",
        support="MPD RNH",
    ),
    "care": _topic(
        "women",
        "advancement-of-women discrimination-against-women",
        "women-girls",
        "5.4",
        support="MSAFC MOF",
    ),
    # Children
    "corporal-punishment": _topic(
        "children",
        "children-definition-general-principles-protection right-to-physical-moral-integrity",
        "children",
        "16.2",
        support="MOE",
        law=True,
    ),
    "child-marriage": _topic(
        "children",
        "rights-related-to-marriage-family children-definition-general-principles-protection discrimination-against-women",
        "children women-girls",
        "5.3",
        support="MOJ",
        law=True,
    ),
    "birth-registration": _topic(
        "children",
        "rights-related-to-name-identity-nationality",
        "children indigenous-peoples",
        "16.9",
        lead="MOI",
        support="MSAFC RNH",
    ),
    "child-protection": _topic(
        "children", "children-definition-general-principles-protection", "children", "16.2", support="MOF"
    ),
    "alternative-care": _topic(
        "children", "children-family-environment-alternative-care", _CHILDREN_AT_RISK, "16.2"
    ),
    "child-exploitation": _topic(
        "children", "children-protection-against-exploitation", "children", "16.2", support="PNV"
    ),
    "child-budget": _topic(
        "children",
        "budget-resources-for-human-rights-implementation children-definition-general-principles-protection",
        "children",
        "1.b",
        lead="MOF",
        support="MSAFC",
    ),
    # Juvenile justice
    "juvenile-justice": _topic(
        "juvenile",
        "children-juvenile-justice administration-of-justice-fair-trial",
        "youth-juveniles children",
        "16.3",
        support="SPN SCJ",
    ),
    "macr": _topic(
        "juvenile",
        "children-juvenile-justice constitutional-legislative-framework",
        "youth-juveniles children",
        "16.3",
        support="PARL",
        law=True,
    ),
    # Torture, detention, death penalty
    "torture-law": _topic(
        "detention",
        f"{_TORTURE} persons-deprived-of-liberty-definition-of-torture-ill-treatment constitutional-legislative-framework",
        _DETAINEES,
        "16.3",
        support="PARL",
        law=True,
    ),
    "torture-investigation": _topic(
        "detention", f"{_TORTURE} rule-of-law-impunity", _DETAINEES, "16.3", lead="OAG", support="PNV"
    ),
    "safeguards": _topic(
        "detention",
        "liberty-security-of-the-person arbitrary-arrest-detention",
        f"{_DETAINEES} {_POLICE}",
        "16.3",
        lead="PNV",
        support="MOJ",
    ),
    "prison-conditions": _topic(
        "detention", "conditions-of-detention", _DETAINEES, "16.3", lead="SPN", support="MOJ MOH"
    ),
    "women-prisoners": _topic(
        "detention",
        "conditions-of-detention discrimination-against-women",
        f"{_DETAINEES} women-girls",
        "16.3",
        lead="SPN",
    ),
    "pretrial": _topic(
        "detention",
        "arbitrary-arrest-detention administration-of-justice-fair-trial conditions-of-detention",
        _DETAINEES,
        "16.3",
        support="SCJ OAG",
    ),
    "npm": _topic(
        "detention",
        "national-preventive-mechanism-npm persons-deprived-of-liberty-concept-of-places-of-deprivation-of-liberty",
        _DETAINEES,
        "16.a",
        support="MOF",
    ),
    "death-penalty": _topic("detention", "death-penalty right-to-life", targets="16.1"),
    "abolition": _topic(
        "detention",
        "death-penalty right-to-life constitutional-legislative-framework",
        targets="16.1",
        support="PARL",
        law=True,
    ),
    "mental-health": _topic(
        "health",
        "right-to-health persons-with-disabilities-independence-inclusion arbitrary-arrest-detention",
        "persons-with-disabilities",
        "3.4",
        support="MOJ",
        law=True,
    ),
    # Justice
    "judicial-independence": _topic(
        "justice",
        "administration-of-justice-fair-trial rule-of-law-impunity",
        "judges-lawyers-and-prosecutors",
        "16.3 16.6",
        support="SCJ",
    ),
    "legal-aid": _topic(
        "justice",
        "access-to-justice-remedy",
        "persons-living-in-poverty persons-living-in-rural-areas",
        "16.3",
        support="MOF",
    ),
    "court-backlog": _topic("justice", "administration-of-justice-fair-trial", targets="16.3", support="SCJ"),
    "corruption": _topic(
        "justice", "good-governance-corruption", "public-officials", "16.5", lead="OAG", support="MOJ MOF"
    ),
    "indigenous-justice": _topic(
        "justice", "access-to-justice-remedy cultural-rights", "indigenous-peoples", "16.3", support="SCJ RNH"
    ),
    "remedy": _topic(
        "justice", "access-to-justice-remedy support-to-victims-witnesses", targets="16.3", support="MOF"
    ),
    # Law enforcement
    "use-of-force": _topic(
        "policing",
        "liberty-security-of-the-person right-to-life rule-of-law-impunity",
        _POLICE,
        "16.1",
        support="PNV PARL",
        law=True,
    ),
    "protests-2019": _topic(
        "policing",
        "right-to-peaceful-assembly rule-of-law-impunity extrajudicial-summary-or-arbitrary-executions",
        "",
        "16.1 16.3",
        lead="OAG",
        support="MOI PNV",
    ),
    "counter-terrorism": _topic(
        "policing",
        "human-rights-counter-terrorism",
        "human-rights-defenders-activists",
        "16.a",
        support="OAG PARL",
    ),
    "police-training": _topic(
        "policing",
        "human-rights-education-trainings-awareness-raising liberty-security-of-the-person",
        _POLICE,
        "16.a",
        lead="PNV",
    ),
    # Civic space
    "defamation": _topic(
        "civic",
        "freedom-of-opinion-and-expression-access-to-information constitutional-legislative-framework",
        "media",
        "16.10",
        lead="MOJ",
        support="PARL",
        law=True,
    ),
    "journalists": _topic(
        "civic",
        "freedom-of-opinion-and-expression-access-to-information liberty-security-of-the-person",
        "media human-rights-defenders-activists",
        "16.10",
        support="OAG PNV",
    ),
    "hrd-law": _topic(
        "civic",
        "freedom-of-association liberty-security-of-the-person constitutional-legislative-framework",
        "human-rights-defenders-activists",
        "16.10",
        support="MOJ PARL",
        law=True,
    ),
    "association": _topic(
        "civic",
        "freedom-of-association cooperation-consultation-with-civil-society",
        "civil-society",
        "16.10",
        support="MOJ",
    ),
    "assembly": _topic("civic", "right-to-peaceful-assembly", "", "16.10", support="PNV PARL"),
    "access-information": _topic(
        "civic",
        "freedom-of-opinion-and-expression-access-to-information",
        "media",
        "16.10",
        lead="MOJ",
        law=True,
    ),
    "media": _topic("civic", "freedom-of-opinion-and-expression-access-to-information", "media", "16.10"),
    "env-defenders": _topic(
        "civic",
        "human-rights-the-environment freedom-of-association",
        "human-rights-defenders-activists indigenous-peoples",
        "16.10",
        support="MECA OAG",
    ),
    # Trafficking
    "trafficking-plan": _topic(
        "trafficking",
        "human-trafficking-contemporary-forms-of-slavery",
        "",
        "16.2 8.7 5.2",
        support="MOLE MSAFC",
    ),
    "trafficking-victims": _topic(
        "trafficking",
        "human-trafficking-contemporary-forms-of-slavery support-to-victims-witnesses",
        "women-girls migrants",
        "8.7 5.2",
        support="MSAFC DGMA",
    ),
    "trafficking-prosecution": _topic(
        "trafficking",
        "human-trafficking-contemporary-forms-of-slavery rule-of-law-impunity",
        "",
        "16.2 8.7",
        lead="OAG",
        support="PNV",
    ),
    # Health
    "maternal-health": _topic(
        "health",
        "right-to-health sexual-reproductive-health-and-rights",
        "women-girls persons-living-in-rural-areas",
        "3.1",
        support="RNH",
    ),
    "srh": _topic(
        "health",
        "sexual-reproductive-health-and-rights right-to-health",
        "women-girls youth-juveniles",
        "3.7 5.6",
        support="MOE",
    ),
    "abortion": _topic(
        "health",
        "sexual-reproductive-health-and-rights discrimination-against-women",
        "women-girls",
        "5.6 3.7",
        support="MWGE PARL",
        law=True,
    ),
    "uhc": _topic(
        "health", "right-to-health budget-resources-for-human-rights-implementation", "", "3.8", support="MOF"
    ),
    "hiv": _topic("health", "right-to-health", "persons-living-with-hivaids", "3.3"),
    "pandemic": _topic(
        "health",
        "right-to-health economic-political-crisis-natural-disasters-or-other-emergencies",
        "",
        "3.d",
    ),
    # Education
    "education-access": _topic("education", "right-to-education", "children", "4.1", support="MOF"),
    "dropout": _topic(
        "education",
        "right-to-education",
        "women-girls indigenous-peoples persons-living-in-rural-areas",
        "4.1 4.5",
        support="MSAFC",
    ),
    "hr-education": _topic(
        "education",
        "human-rights-education-trainings-awareness-raising right-to-education",
        "educational-staff-students",
        "4.7",
    ),
    "intercultural-education": _topic(
        "education", "right-to-education cultural-rights", "indigenous-peoples", "4.5", support="RNH"
    ),
    "school-infrastructure": _topic(
        "education", "right-to-education", "persons-living-in-rural-areas", "4.a", support="RNH RSC"
    ),
    # Poverty and standard of living
    "poverty": _topic(
        "poverty",
        "human-rights-poverty right-to-an-adequate-standard-of-living",
        "persons-living-in-poverty",
        "1.2",
        support="MPD",
    ),
    "social-protection": _topic(
        "poverty",
        "right-to-social-security",
        "persons-living-in-poverty older-persons",
        "1.3",
        support="MOF MOLE",
    ),
    "water": _topic(
        "poverty",
        "safe-drinking-water-sanitation",
        "persons-living-in-rural-areas",
        "6.1 6.2",
        lead="MPD",
        support="RNH RSC",
    ),
    "housing": _topic(
        "poverty",
        "right-to-adequate-housing",
        "persons-living-in-poverty",
        "11.1",
        lead="MPD",
        support="MARV",
    ),
    "food": _topic("poverty", "right-to-food", "children", "2.2", support="MOH"),
    "development": _topic(
        "poverty",
        "right-to-development economic-social-cultural-rights-general-measures-of-implementation",
        "",
        "1.2 10.1",
        lead="MPD",
    ),
    "fiscal": _topic(
        "poverty",
        "budget-resources-for-human-rights-implementation economic-policy-and-foreign-debt",
        "",
        "17.1 10.4",
        lead="MOF",
        support="MPD",
    ),
    # Labour
    "child-labour": _topic(
        "labour",
        "children-protection-against-exploitation labour-rights-and-right-to-work",
        "children",
        "8.7",
        support="MSAFC",
    ),
    "labour-inspection": _topic("labour", "labour-rights-and-right-to-work", "", "8.8"),
    "trade-unions": _topic("labour", "trade-union-rights", "", "8.8"),
    "domestic-workers": _topic(
        "labour",
        "labour-rights-and-right-to-work right-to-social-security",
        "domestic-workers women-girls",
        "8.8 8.5",
    ),
    "informal-economy": _topic(
        "labour", "labour-rights-and-right-to-work right-to-social-security", "", "8.3 1.3", support="MOF"
    ),
    "minimum-wage": _topic(
        "labour", "labour-rights-and-right-to-work right-to-an-adequate-standard-of-living", "", "8.5"
    ),
    # Disability
    "legal-capacity": _topic(
        "disability",
        "persons-with-disabilities-definition-general-principles right-to-be-recognized-as-a-person-before-the-law",
        "persons-with-disabilities",
        "10.3",
        lead="MOJ",
        support="MSAFC",
        law=True,
    ),
    "disability-inclusion": _topic(
        "disability", "persons-with-disabilities-independence-inclusion", "persons-with-disabilities", "10.2"
    ),
    "accessibility": _topic(
        "disability",
        "persons-with-disabilities-accessibility-mobility",
        "persons-with-disabilities",
        "11.2 11.7",
        support="MPD MARV",
    ),
    "inclusive-education": _topic(
        "disability",
        "right-to-education persons-with-disabilities-independence-inclusion",
        "persons-with-disabilities children",
        "4.5 4.a",
        lead="MOE",
        support="MSAFC",
    ),
    "disability-employment": _topic(
        "disability",
        "labour-rights-and-right-to-work persons-with-disabilities-independence-inclusion",
        "persons-with-disabilities",
        "8.5",
        lead="MOLE",
        support="MSAFC",
    ),
    "disability-data": _topic(
        "disability",
        "data-collection-research persons-with-disabilities-definition-general-principles",
        "persons-with-disabilities",
        "17.18",
        lead="NSO",
    ),
    "disability-vote": _topic(
        "disability",
        "right-to-participate-in-public-affairs-right-to-vote persons-with-disabilities-independence-inclusion",
        "persons-with-disabilities",
        "16.7",
        lead="MOJ",
        support="PARL",
        law=True,
    ),
    # Indigenous peoples and racial discrimination
    "fpic": _topic(
        "indigenous",
        "land-property-rights cultural-rights business-human-rights",
        "indigenous-peoples",
        "1.4",
        support="MECA RNH",
    ),
    "land-titling": _topic(
        "indigenous", "land-property-rights", "indigenous-peoples", "1.4", lead="MPD", support="RNH"
    ),
    "racial-discrimination": _topic(
        "indigenous",
        "racial-discrimination equality-non-discrimination",
        "people-of-african-descent",
        "10.2 10.3",
        support="RSC",
    ),
    "ethnic-data": _topic(
        "indigenous",
        "data-collection-research racial-discrimination",
        "indigenous-peoples people-of-african-descent",
        "17.18",
        lead="NSO",
    ),
    "racial-profiling": _topic(
        "indigenous",
        "racial-discrimination liberty-security-of-the-person",
        f"people-of-african-descent {_POLICE}",
        "10.3 16.b",
        lead="MOI",
        support="PNV",
    ),
    "indigenous-participation": _topic(
        "indigenous",
        "right-to-participate-in-public-affairs-right-to-vote racial-discrimination",
        "indigenous-peoples people-of-african-descent",
        "16.7",
    ),
    # Migration
    "migrants-rights": _topic(
        "migration",
        "equality-non-discrimination economic-social-cultural-rights",
        "migrants",
        "10.7",
        support="DGMA MOH",
    ),
    "migrant-detention": _topic(
        "migration",
        "arbitrary-arrest-detention children-definition-general-principles-protection",
        "migrants children",
        "10.7",
        lead="DGMA",
    ),
    "asylum": _topic(
        "migration",
        "civil-political-rights freedom-of-movement",
        "refugees-asylum-seekers",
        "10.7",
        lead="DGMA",
    ),
    "statelessness": _topic(
        "migration",
        "rights-related-to-name-identity-nationality",
        "stateless-persons",
        "16.9",
        lead="DGMA",
        support="MFA",
    ),
    "xenophobia": _topic(
        "migration", "racial-discrimination", "migrants refugees-asylum-seekers", "10.2 10.7"
    ),
    "migration-law": _topic(
        "migration", "constitutional-legislative-framework", "migrants", "10.7", support="DGMA PARL", law=True
    ),
    # Business, environment, climate
    "business": _topic(
        "environment", "business-human-rights", "", "12.6 8.8", lead="MOJ", support="MOLE MECA"
    ),
    "mining": _topic(
        "environment",
        "human-rights-the-environment business-human-rights human-rights-toxics-hazardous-wastes",
        "indigenous-peoples persons-living-in-rural-areas",
        "6.3 12.4",
    ),
    "climate": _topic(
        "environment", "human-rights-climate-change", "vulnerable-personsgroups", "13.1 13.2", support="MPD"
    ),
    "disaster": _topic(
        "environment",
        "economic-political-crisis-natural-disasters-or-other-emergencies human-rights-climate-change",
        "",
        "13.1 11.5",
        support="MOI",
    ),
    "environment-right": _topic(
        "environment",
        "human-rights-the-environment constitutional-legislative-framework",
        "",
        "16.10",
        support="PARL",
        law=True,
    ),
}


# Documents -----------------------------------------------------------------------------------------

_UPR_TITLE = "Report of the Working Group on the Universal Periodic Review: Valdoria"
UPR_REPORTS: dict[int, DocumentSpec] = {
    3: DocumentSpec("A/HRC/39/14", "UPR", _UPR_TITLE, date(2018, 7, 11), "30", cycle=3),
    4: DocumentSpec("A/HRC/54/15", "UPR", _UPR_TITLE, date(2023, 7, 10), "43", cycle=4),
}
# The paragraph of each report that lists the recommendations: recommendation n is "<paragraph>.<n>".
UPR_PARAGRAPHS = {3: "121", 4: "118"}
PLEDGE_DOCUMENT = DocumentSpec(
    "A/HRC/54/15/Add.1",
    "UPR",
    f"{_UPR_TITLE}. Addendum: Views on conclusions and/or recommendations, voluntary commitments and "
    "replies presented by the State under review",
    date(2023, 9, 5),
    "43",
    cycle=4,
)

# UPR, third cycle (2018) ---------------------------------------------------------------------------

CYCLE_3: tuple[UprItem, ...] = (
    upr(
        "ratification-torture",
        "Ratify the Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
        3,
        fr="Ratifier le Protocole facultatif se rapportant à la Convention contre la torture et autres peines ou traitements cruels, inhumains ou dégradants",
        es="Ratificar el Protocolo Facultativo de la Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes",
        ar="التصديق على البروتوكول الاختياري لاتفاقية مناهضة التعذيب وغيره من ضروب المعاملة أو العقوبة القاسية أو اللاإنسانية أو المهينة",
        pool="rights",
        status="implemented",
        on="2021-06-15",
    ),
    upr(
        "ratification-torture",
        "Consider ratifying the Optional Protocol to the Convention against Torture and designate an independent national preventive mechanism",
        2,
        status="implemented",
        on="2022-03-01",
    ),
    upr(
        "ratification-migrants",
        "Ratify the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        3,
        fr="Ratifier la Convention internationale sur la protection des droits de tous les travailleurs migrants et des membres de leur famille",
        es="Ratificar la Convención Internacional sobre la Protección de los Derechos de Todos los Trabajadores Migratorios y de Sus Familiares",
        ar="التصديق على الاتفاقية الدولية لحماية حقوق جميع العمال المهاجرين وأفراد أسرهم",
        position=NOTED,
        pool="migration",
    ),
    upr(
        "ratification-disappearance",
        "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
        2,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "ratification-death-penalty",
        "Ratify the Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty",
        3,
        fr="Ratifier le deuxième Protocole facultatif se rapportant au Pacte international relatif aux droits civils et politiques, visant à abolir la peine de mort",
        es="Ratificar el Segundo Protocolo Facultativo del Pacto Internacional de Derechos Civiles y Políticos, destinado a abolir la pena de muerte",
        ar="التصديق على البروتوكول الاختياري الثاني الملحق بالعهد الدولي الخاص بالحقوق المدنية والسياسية، الهادف إلى إلغاء عقوبة الإعدام",
        position=NOTED,
        pool="rights",
    ),
    upr(
        "ratification",
        "Ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights",
        1,
        pool="rights",
    ),
    upr(
        "statelessness",
        "Accede to the 1954 Convention relating to the Status of Stateless Persons and the 1961 Convention on the Reduction of Statelessness",
        2,
        status="partially_implemented",
        on="2020-09-10",
    ),
    upr(
        "ratification-ilo",
        "Ratify the Domestic Workers Convention, 2011 (No. 189) of the International Labour Organization",
        1,
        pool="rights",
    ),
    upr(
        "fpic",
        "Ratify the Indigenous and Tribal Peoples Convention, 1989 (No. 169) of the International Labour Organization",
        2,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "cooperation",
        "Extend a standing invitation to all special procedures of the Human Rights Council",
        3,
        fr="Adresser une invitation permanente à tous les titulaires de mandat au titre des procédures spéciales du Conseil des droits de l'homme",
        es="Cursar una invitación permanente a todos los procedimientos especiales del Consejo de Derechos Humanos",
        ar="توجيه دعوة دائمة إلى جميع المكلفين بولايات في إطار الإجراءات الخاصة لمجلس حقوق الإنسان",
        pool="rights",
        status="implemented",
        on="2019-03-01",
    ),
    upr(
        "cooperation",
        "Accept the pending visit requests of the Special Rapporteur on torture and the Working Group on Arbitrary Detention",
        1,
        pool="rights",
        status="implemented",
        on="2021-05-20",
    ),
    upr(
        "reporting",
        "Submit its overdue reports to the Committee on the Elimination of Racial Discrimination and the Committee against Torture",
        1,
        status="implemented",
        on="2019-02-14",
    ),
    upr(
        "nhri",
        "Bring the National Human Rights Commission into full compliance with the Paris Principles",
        4,
        fr="Mettre la Commission nationale des droits de l'homme en pleine conformité avec les Principes de Paris",
        es="Adecuar plenamente la Comisión Nacional de Derechos Humanos a los Principios de París",
        ar="مواءمة اللجنة الوطنية لحقوق الإنسان مواءمة تامة مع مبادئ باريس",
        status="implemented",
        on="2022-10-14",
    ),
    upr(
        "nhri",
        "Provide the National Human Rights Commission with adequate human and financial resources to fulfil its mandate independently",
        2,
    ),
    upr(
        "nmirf",
        "Establish a national mechanism for implementation, reporting and follow-up, with the broad participation of civil society",
        2,
        fr="Mettre en place un mécanisme national de mise en œuvre, d'établissement de rapports et de suivi, avec une large participation de la société civile",
        es="Establecer un mecanismo nacional de aplicación, presentación de informes y seguimiento, con una amplia participación de la sociedad civil",
        ar="إنشاء آلية وطنية للتنفيذ والإبلاغ والمتابعة، بمشاركة واسعة من المجتمع المدني",
        pool="south",
        status="implemented",
        on="2019-11-20",
    ),
    upr(
        "nap",
        "Adopt a second national human rights action plan with measurable indicators and an adequate budget",
        2,
        status="implemented",
        on="2020-02-03",
    ),
    upr(
        "data",
        "Strengthen the collection of data disaggregated by sex, age, disability, ethnicity and region to inform public policies",
        2,
    ),
    upr(
        "sdg-plan",
        "Continue to integrate the Sustainable Development Goals and the recommendations of the universal periodic review into the National Development Plan",
        1,
        pool="south",
    ),
    upr(
        "hr-training",
        "Continue to provide human rights training to civil servants, law enforcement officials and judges",
        2,
        pool="south",
    ),
    upr("general", "Continue its efforts to promote and protect human rights", 2, pool="south"),
    upr(
        "general",
        "Continue to strengthen its institutional framework for the promotion of human rights",
        1,
        pool="south",
    ),
    upr(
        "non-discrimination",
        "Adopt comprehensive anti-discrimination legislation that defines direct and indirect discrimination and covers all grounds prohibited under international law",
        3,
        fr="Adopter une législation complète contre la discrimination qui définisse la discrimination directe et indirecte et couvre tous les motifs interdits par le droit international",
        es="Aprobar una legislación integral contra la discriminación que defina la discriminación directa e indirecta y abarque todos los motivos prohibidos por el derecho internacional",
        ar="اعتماد تشريع شامل لمكافحة التمييز يعرّف التمييز المباشر وغير المباشر ويشمل جميع الأسباب المحظورة بموجب القانون الدولي",
        pool="rights",
    ),
    upr(
        "lgbti-law",
        "Decriminalize consensual sexual relations between adults of the same sex by repealing article 287 of the Penal Code",
        3,
        fr="Dépénaliser les relations sexuelles entre adultes consentants de même sexe en abrogeant l'article 287 du Code pénal",
        es="Despenalizar las relaciones sexuales consentidas entre adultos del mismo sexo derogando el artículo 287 del Código Penal",
        ar="إلغاء تجريم العلاقات الجنسية بالتراضي بين البالغين من الجنس نفسه بإلغاء المادة 287 من قانون العقوبات",
        position=NOTED,
        pool="rights",
    ),
    upr(
        "lgbti",
        "Take measures to combat discrimination and violence against lesbian, gay, bisexual, transgender and intersex persons, and investigate and prosecute hate crimes",
        2,
        pool="rights",
    ),
    upr(
        "hate-speech",
        "Strengthen measures to combat hate speech, including on social media, and promote tolerance and intercultural dialogue",
        1,
    ),
    upr(
        "vaw-law",
        "Adopt a comprehensive law to prevent and combat all forms of violence against women, including domestic violence, and ensure adequate funding for shelters",
        3,
        fr="Adopter une loi globale visant à prévenir et à combattre toutes les formes de violence à l'égard des femmes, y compris la violence domestique, et garantir un financement suffisant des foyers d'accueil",
        es="Aprobar una ley integral para prevenir y combatir todas las formas de violencia contra la mujer, incluida la violencia doméstica, y garantizar una financiación adecuada de los centros de acogida",
        ar="اعتماد قانون شامل لمنع جميع أشكال العنف ضد المرأة ومكافحتها، بما في ذلك العنف المنزلي، وضمان التمويل الكافي لدور الإيواء",
        status="implemented",
        on="2021-03-08",
    ),
    upr(
        "vaw-law",
        "Explicitly criminalize marital rape in the Penal Code",
        2,
        fr="Ériger expressément le viol conjugal en infraction dans le Code pénal",
        es="Tipificar expresamente como delito la violación conyugal en el Código Penal",
        ar="التجريم الصريح للاغتصاب الزوجي في قانون العقوبات",
        pool="rights",
        status="implemented",
        on="2021-03-08",
    ),
    upr(
        "vaw-response",
        "Ensure that all cases of gender-based violence are promptly investigated, that perpetrators are prosecuted and adequately punished, and that victims have access to protection and redress",
        2,
    ),
    upr(
        "vaw-response",
        "Establish specialized units on domestic violence in all police stations and train their officers in a gender-sensitive approach",
        1,
    ),
    upr(
        "vaw-response",
        "Increase the number of shelters for women victims of violence, in particular in rural areas",
        1,
    ),
    upr(
        "child-marriage",
        "Raise the minimum age of marriage to 18 years for both women and men, without exception",
        3,
        fr="Porter l'âge minimum du mariage à 18 ans pour les femmes comme pour les hommes, sans exception",
        es="Elevar la edad mínima para contraer matrimonio a 18 años tanto para las mujeres como para los hombres, sin excepciones",
        ar="رفع السن الدنيا للزواج إلى 18 عاماً للنساء والرجال على حد سواء، دون استثناء",
        status="implemented",
        on="2022-05-12",
    ),
    upr(
        "women-participation",
        "Take measures to increase the representation of women in decision-making positions, including in Parliament and the judiciary",
        2,
        fr="Prendre des mesures pour accroître la représentation des femmes aux postes de décision, notamment au Parlement et dans l'appareil judiciaire",
        es="Adoptar medidas para aumentar la representación de las mujeres en los puestos de toma de decisiones, en particular en el Parlamento y el poder judicial",
        ar="اتخاذ تدابير لزيادة تمثيل المرأة في مناصب صنع القرار، بما في ذلك في البرلمان والسلطة القضائية",
    ),
    upr(
        "women-participation",
        "Adopt temporary special measures, such as quotas, to achieve gender parity in elected bodies",
        1,
        position=SUPPORTED_IN_PART,
    ),
    upr(
        "women-economic",
        "Enforce the principle of equal pay for work of equal value in order to close the gender pay gap",
        1,
    ),
    upr(
        "rural-women",
        "Continue its efforts to promote the economic empowerment of women, particularly in rural areas, including through access to credit and land",
        2,
        pool="south",
    ),
    upr(
        "corporal-punishment",
        "Prohibit corporal punishment of children in all settings, including in the home",
        3,
        fr="Interdire les châtiments corporels infligés aux enfants dans tous les contextes, y compris au sein de la famille",
        es="Prohibir el castigo corporal de los niños en todos los entornos, incluido el hogar",
        ar="حظر العقوبة البدنية للأطفال في جميع الأوساط، بما في ذلك في المنزل",
        pool="rights",
        status="partially_implemented",
        on="2020-09-01",
    ),
    upr(
        "birth-registration",
        "Ensure free and universal birth registration, in particular for children in rural areas and indigenous communities",
        2,
        fr="Garantir l'enregistrement gratuit et universel des naissances, en particulier pour les enfants vivant dans les zones rurales et dans les communautés autochtones",
        es="Garantizar la inscripción universal y gratuita de los nacimientos, en particular de los niños de las zonas rurales y de las comunidades indígenas",
        ar="ضمان تسجيل المواليد مجاناً وللجميع، ولا سيما الأطفال في المناطق الريفية ومجتمعات الشعوب الأصلية",
    ),
    upr(
        "child-protection",
        "Strengthen the national child protection system and allocate sufficient resources to child protection services at the municipal level",
        1,
    ),
    upr(
        "child-labour",
        "Continue to combat child labour, in particular in agriculture and domestic work",
        2,
        pool="south",
    ),
    upr(
        "alternative-care",
        "Develop a national strategy on deinstitutionalization and family-based alternative care for children deprived of parental care",
        1,
    ),
    upr(
        "child-exploitation",
        "Adopt measures to prevent and combat the sexual exploitation of children, including online",
        1,
    ),
    upr(
        "macr",
        "Raise the minimum age of criminal responsibility to at least 14 years",
        2,
        pool="rights",
    ),
    upr(
        "juvenile-justice",
        "Ensure that the detention of children is used only as a measure of last resort and that children are held separately from adults",
        2,
    ),
    upr(
        "juvenile-justice",
        "Develop diversion programmes and alternatives to detention for children in conflict with the law",
        1,
    ),
    upr(
        "torture-law",
        "Amend the Penal Code to include a definition of torture in line with article 1 of the Convention against Torture",
        2,
        fr="Modifier le Code pénal afin d'y inclure une définition de la torture conforme à l'article premier de la Convention contre la torture",
        es="Modificar el Código Penal para incluir una definición de tortura acorde con el artículo 1 de la Convención contra la Tortura",
        ar="تعديل قانون العقوبات ليتضمن تعريفاً للتعذيب يتماشى مع المادة 1 من اتفاقية مناهضة التعذيب",
        pool="rights",
    ),
    upr(
        "torture-investigation",
        "Ensure that all allegations of torture and ill-treatment are investigated promptly, impartially and effectively by an independent body",
        2,
        pool="rights",
    ),
    upr(
        "prison-conditions",
        "Take measures to reduce prison overcrowding, including through the wider use of non-custodial measures",
        3,
        fr="Prendre des mesures pour réduire la surpopulation carcérale, notamment en recourant davantage aux mesures non privatives de liberté",
        es="Adoptar medidas para reducir el hacinamiento en las cárceles, en particular mediante un mayor uso de medidas no privativas de la libertad",
        ar="اتخاذ تدابير للحد من اكتظاظ السجون، بما في ذلك من خلال التوسع في استخدام التدابير غير الاحتجازية",
    ),
    upr(
        "prison-conditions",
        "Improve conditions in places of detention, in particular access to health care, drinking water and adequate food",
        2,
    ),
    upr(
        "pretrial",
        "Reduce the excessive use of pretrial detention and ensure that detainees are brought promptly before a judge",
        2,
    ),
    upr(
        "death-penalty",
        "Establish an official moratorium on executions with a view to abolishing the death penalty",
        3,
        fr="Instaurer un moratoire officiel sur les exécutions en vue d'abolir la peine de mort",
        es="Establecer una moratoria oficial de las ejecuciones con miras a abolir la pena de muerte",
        ar="إعلان وقف رسمي لتنفيذ أحكام الإعدام بهدف إلغاء عقوبة الإعدام",
        position=NOTED,
        pool="rights",
    ),
    upr(
        "death-penalty",
        "Commute all death sentences to terms of imprisonment",
        1,
        position=NOTED,
        pool="rights",
    ),
    upr("abolition", "Abolish the death penalty for all crimes", 2, position=NOTED, pool="rights"),
    upr(
        "judicial-independence",
        "Guarantee the independence of the judiciary, including through a transparent and merit-based procedure for the appointment and promotion of judges",
        2,
    ),
    upr(
        "legal-aid",
        "Expand free legal aid services, in particular for persons living in poverty and in rural areas",
        2,
        fr="Étendre les services d'aide juridictionnelle gratuite, en particulier aux personnes vivant dans la pauvreté et dans les zones rurales",
        es="Ampliar los servicios de asistencia jurídica gratuita, en particular para las personas que viven en la pobreza y en las zonas rurales",
        ar="توسيع نطاق خدمات المساعدة القانونية المجانية، ولا سيما للأشخاص الذين يعيشون في فقر وفي المناطق الريفية",
    ),
    upr("court-backlog", "Reduce the backlog of court cases and the length of judicial proceedings", 1),
    upr(
        "corruption",
        "Strengthen the fight against corruption, including by reinforcing the anti-corruption unit of the Office of the Attorney General",
        2,
    ),
    upr(
        "indigenous-justice",
        "Ensure access to interpretation in indigenous languages in all judicial proceedings",
        1,
    ),
    upr(
        "use-of-force",
        "Adopt a law on the use of force by law enforcement officials in line with the Basic Principles on the Use of Force and Firearms by Law Enforcement Officials",
        2,
        pool="rights",
    ),
    upr(
        "counter-terrorism",
        "Review the Anti-Terrorism Act of 2017 to bring its definition of terrorism into line with international standards",
        2,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "police-training",
        "Provide systematic human rights training to police officers, in particular on the use of force and the treatment of detainees",
        2,
    ),
    upr(
        "defamation",
        "Decriminalize defamation and incorporate it into the Civil Code in accordance with international standards",
        3,
        fr="Dépénaliser la diffamation et l'intégrer dans le Code civil conformément aux normes internationales",
        es="Despenalizar la difamación e incorporarla al Código Civil de conformidad con las normas internacionales",
        ar="إلغاء تجريم التشهير وإدراجه في القانون المدني وفقاً للمعايير الدولية",
        position=NOTED,
        pool="rights",
    ),
    upr(
        "journalists",
        "Ensure a safe and enabling environment for journalists and human rights defenders, and investigate all attacks against them",
        3,
        fr="Garantir un environnement sûr et favorable aux journalistes et aux défenseurs des droits de l'homme, et enquêter sur toutes les attaques dont ils sont la cible",
        es="Garantizar un entorno seguro y propicio para los periodistas y los defensores de los derechos humanos, e investigar todas las agresiones contra ellos",
        ar="ضمان بيئة آمنة ومواتية للصحفيين والمدافعين عن حقوق الإنسان، والتحقيق في جميع الاعتداءات التي يتعرضون لها",
        pool="rights",
    ),
    upr("hrd-law", "Adopt a law on the protection of human rights defenders", 2, pool="rights"),
    upr(
        "association",
        "Ensure that the Law on Non-Governmental Organizations of 2018 does not unduly restrict the registration and funding of civil society organizations",
        2,
        position=SUPPORTED_IN_PART,
        pool="rights",
    ),
    upr(
        "assembly",
        "Ensure that the draft public order bill complies with the International Covenant on Civil and Political Rights, in particular with regard to the right of peaceful assembly",
        1,
        pool="rights",
    ),
    upr(
        "access-information",
        "Adopt a law on access to public information",
        1,
        status="implemented",
        on="2020-06-30",
    ),
    upr(
        "trafficking-plan",
        "Adopt a new national action plan against trafficking in persons and allocate adequate resources for its implementation",
        2,
        status="implemented",
        on="2019-07-30",
    ),
    upr(
        "trafficking-victims",
        "Strengthen the identification of victims of trafficking, in particular among migrants, and ensure their access to shelters and assistance",
        2,
    ),
    upr(
        "trafficking-plan",
        "Continue to strengthen cooperation with countries of origin, transit and destination to combat trafficking in persons",
        1,
        pool="south",
    ),
    upr(
        "trafficking-prosecution",
        "Intensify efforts to investigate, prosecute and convict traffickers, including public officials complicit in trafficking",
        1,
    ),
    upr(
        "maternal-health",
        "Continue its efforts to reduce maternal and infant mortality, especially in rural areas",
        3,
        fr="Poursuivre ses efforts pour réduire la mortalité maternelle et infantile, en particulier dans les zones rurales",
        es="Proseguir sus esfuerzos para reducir la mortalidad materna e infantil, especialmente en las zonas rurales",
        ar="مواصلة جهودها للحد من وفيات الأمهات والرضع، ولا سيما في المناطق الريفية",
        pool="south",
    ),
    upr(
        "srh",
        "Ensure universal access to sexual and reproductive health services and information, including modern contraception, for women and adolescents",
        2,
    ),
    upr(
        "abortion",
        "Decriminalize abortion, at least in cases of rape, incest and severe foetal impairment, and ensure access to safe abortion services",
        2,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "uhc",
        "Continue to expand health coverage with a view to achieving universal health coverage",
        2,
        fr="Continuer d'étendre la couverture sanitaire en vue de parvenir à la couverture sanitaire universelle",
        es="Seguir ampliando la cobertura de salud con miras a lograr la cobertura sanitaria universal",
        ar="مواصلة توسيع نطاق التغطية الصحية بهدف تحقيق التغطية الصحية الشاملة",
        pool="south",
    ),
    upr(
        "hiv",
        "Strengthen HIV prevention and treatment programmes, in particular for key populations, and combat the stigma attached to HIV",
        1,
    ),
    upr(
        "mental-health",
        "Adopt a new mental health law based on human rights and on community-based services",
        1,
    ),
    upr(
        "education-access",
        "Continue to guarantee free and compulsory primary and secondary education for all children",
        2,
        fr="Continuer de garantir un enseignement primaire et secondaire gratuit et obligatoire pour tous les enfants",
        es="Seguir garantizando la enseñanza primaria y secundaria gratuita y obligatoria para todos los niños",
        ar="مواصلة ضمان التعليم الابتدائي والثانوي المجاني والإلزامي لجميع الأطفال",
        pool="south",
    ),
    upr(
        "dropout",
        "Take measures to reduce school dropout rates, particularly among girls and indigenous children in rural areas",
        2,
    ),
    upr(
        "hr-education",
        "Integrate human rights education into school curricula at all levels",
        1,
        pool="south",
    ),
    upr("intercultural-education", "Expand intercultural bilingual education for indigenous children", 1),
    upr(
        "education-access",
        "Increase the share of the national budget allocated to education to at least 4 per cent of gross domestic product",
        1,
    ),
    upr(
        "dropout",
        "Ensure that pregnant girls and adolescent mothers can continue their education",
        1,
    ),
    upr(
        "poverty",
        "Continue implementing its poverty reduction strategy, with a focus on the most vulnerable groups",
        3,
        fr="Poursuivre la mise en œuvre de sa stratégie de réduction de la pauvreté, en mettant l'accent sur les groupes les plus vulnérables",
        es="Seguir aplicando su estrategia de reducción de la pobreza, centrándose en los grupos más vulnerables",
        ar="مواصلة تنفيذ استراتيجيتها للحد من الفقر، مع التركيز على الفئات الأكثر ضعفاً",
        pool="south",
    ),
    upr(
        "social-protection",
        "Extend social protection coverage, including a social protection floor, to workers in the informal economy",
        1,
    ),
    upr("water", "Guarantee access to safe drinking water and sanitation in rural areas", 2, pool="south"),
    upr("housing", "Adopt a national housing policy to ensure access to adequate and affordable housing", 1),
    upr(
        "food",
        "Strengthen programmes to ensure food security and combat chronic malnutrition among children under 5 years of age",
        2,
        pool="south",
    ),
    upr(
        "labour-inspection",
        "Strengthen the labour inspectorate to ensure compliance with labour standards, including in the informal sector",
        1,
    ),
    upr(
        "trade-unions",
        "Guarantee the right to form and join trade unions and the right to collective bargaining in the public and private sectors",
        1,
    ),
    upr(
        "legal-capacity",
        "Harmonize national legislation with the Convention on the Rights of Persons with Disabilities, in particular with regard to legal capacity",
        2,
    ),
    upr(
        "inclusive-education",
        "Promote inclusive education for children with disabilities and ensure reasonable accommodation in mainstream schools",
        2,
        fr="Promouvoir l'éducation inclusive des enfants handicapés et garantir des aménagements raisonnables dans les écoles ordinaires",
        es="Promover la educación inclusiva de los niños con discapacidad y garantizar los ajustes razonables en las escuelas ordinarias",
        ar="تعزيز التعليم الشامل للجميع للأطفال ذوي الإعاقة وضمان الترتيبات التيسيرية المعقولة في المدارس العادية",
    ),
    upr(
        "accessibility",
        "Ensure the accessibility of public buildings, transport and information for persons with disabilities",
        1,
    ),
    upr(
        "disability-employment",
        "Adopt measures to increase the employment of persons with disabilities, including by enforcing the employment quota in the public sector",
        1,
    ),
    upr(
        "fpic",
        "Guarantee the right of indigenous peoples to free, prior and informed consent regarding projects that affect their lands and resources",
        2,
        fr="Garantir le droit des peuples autochtones au consentement préalable, donné librement et en connaissance de cause, concernant les projets qui touchent leurs terres et leurs ressources",
        es="Garantizar el derecho de los pueblos indígenas al consentimiento libre, previo e informado respecto de los proyectos que afecten a sus tierras y recursos",
        ar="ضمان حق الشعوب الأصلية في الموافقة الحرة والمسبقة والمستنيرة فيما يتعلق بالمشاريع التي تمس أراضيها ومواردها",
        pool="rights",
    ),
    upr("land-titling", "Expedite the demarcation and titling of indigenous lands and territories", 2),
    upr(
        "racial-discrimination",
        "Take measures to combat racial discrimination against Afro-Valdorian communities, including in access to employment and public services",
        1,
    ),
    upr(
        "ethnic-data",
        "Include questions on ethnic self-identification in the next population census",
        1,
        status="implemented",
        on="2021-11-15",
    ),
    upr(
        "racial-discrimination", "Adopt a national plan of action against racism and racial discrimination", 1
    ),
    upr(
        "migrants-rights",
        "Protect the rights of all migrants, regardless of their migration status, and combat xenophobia against them",
        2,
        fr="Protéger les droits de tous les migrants, quel que soit leur statut migratoire, et lutter contre la xénophobie dont ils sont victimes",
        es="Proteger los derechos de todos los migrantes, independientemente de su situación migratoria, y combatir la xenofobia contra ellos",
        ar="حماية حقوق جميع المهاجرين بصرف النظر عن وضعهم من حيث الهجرة، ومكافحة كراهية الأجانب التي تستهدفهم",
        pool="migration",
    ),
    upr("migrant-detention", "End the immigration detention of children", 2, pool="rights"),
    upr(
        "asylum",
        "Ensure access to fair and efficient asylum procedures and respect the principle of non-refoulement",
        2,
    ),
    upr("statelessness", "Establish a statelessness determination procedure", 1),
    upr(
        "business",
        "Adopt a national action plan on business and human rights based on the Guiding Principles on Business and Human Rights",
        2,
        pool="rights",
    ),
    upr(
        "mining",
        "Strengthen environmental impact assessments of mining projects and ensure the participation of affected communities",
        1,
    ),
    upr(
        "climate",
        "Develop a national climate change adaptation strategy that takes into account the needs of the most vulnerable groups",
        2,
        fr="Élaborer une stratégie nationale d'adaptation aux changements climatiques qui tienne compte des besoins des groupes les plus vulnérables",
        es="Elaborar una estrategia nacional de adaptación al cambio climático que tenga en cuenta las necesidades de los grupos más vulnerables",
        ar="وضع استراتيجية وطنية للتكيف مع تغير المناخ تراعي احتياجات الفئات الأكثر ضعفاً",
        pool="south",
    ),
    upr("disaster", "Continue to strengthen its disaster risk reduction and management", 1, pool="south"),
)

# UPR, fourth cycle (2023) --------------------------------------------------------------------------

CYCLE_4: tuple[UprItem, ...] = (
    upr(
        "ratification-disappearance",
        "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance and recognize the competence of the Committee on Enforced Disappearances under articles 31 and 32",
        3,
        fr="Ratifier la Convention internationale pour la protection de toutes les personnes contre les disparitions forcées et reconnaître la compétence du Comité des disparitions forcées au titre des articles 31 et 32",
        es="Ratificar la Convención Internacional para la Protección de Todas las Personas contra las Desapariciones Forzadas y reconocer la competencia del Comité contra la Desaparición Forzada con arreglo a los artículos 31 y 32",
        ar="التصديق على الاتفاقية الدولية لحماية جميع الأشخاص من الاختفاء القسري والاعتراف باختصاص اللجنة المعنية بحالات الاختفاء القسري بموجب المادتين 31 و32",
        pool="rights",
    ),
    upr(
        "ratification-migrants",
        "Consider ratifying the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        2,
        position=NOTED,
        pool="migration",
    ),
    upr(
        "ratification-death-penalty",
        "Accede to the Second Optional Protocol to the International Covenant on Civil and Political Rights and abolish the death penalty in law",
        3,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "ratification",
        "Ratify the Optional Protocol to the Convention on the Rights of Persons with Disabilities",
        1,
    ),
    upr(
        "ratification",
        "Ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure",
        2,
        pool="rights",
    ),
    upr(
        "ratification-ilo",
        "Ratify the Violence and Harassment Convention, 2019 (No. 190) of the International Labour Organization",
        2,
        fr="Ratifier la Convention de 2019 sur la violence et le harcèlement (no 190) de l'Organisation internationale du Travail",
        es="Ratificar el Convenio sobre la Violencia y el Acoso, 2019 (núm. 190), de la Organización Internacional del Trabajo",
        ar="التصديق على اتفاقية منظمة العمل الدولية بشأن العنف والتحرش، 2019 (رقم 190)",
        pool="rights",
    ),
    upr(
        "ratification-ilo",
        "Ratify the Domestic Workers Convention, 2011 (No. 189) and align national labour legislation with it",
        1,
        pool="migration",
    ),
    upr("statelessness", "Accede to the 1961 Convention on the Reduction of Statelessness", 1),
    upr(
        "fpic",
        "Consider ratifying the Indigenous and Tribal Peoples Convention, 1989 (No. 169) of the International Labour Organization",
        1,
        position=NOTED,
    ),
    upr(
        "cooperation",
        "Continue its constructive cooperation with the treaty bodies and the special procedures",
        2,
        pool="south",
    ),
    upr(
        "cooperation",
        "Respond positively to the pending visit requests of special procedures, including that of the Special Rapporteur on the rights of indigenous peoples",
        1,
        pool="rights",
    ),
    upr(
        "npm",
        "Ensure that the National Human Rights Commission, as the national preventive mechanism, has the financial and human resources to visit all places of deprivation of liberty",
        2,
        pool="rights",
    ),
    upr(
        "nmirf",
        "Strengthen the Interministerial Commission on Human Rights Reporting and Follow-up, including by providing it with a permanent secretariat and a digital tool to track the implementation of recommendations",
        2,
        fr="Renforcer la Commission interministérielle chargée de l'établissement des rapports et du suivi en matière de droits de l'homme, notamment en la dotant d'un secrétariat permanent et d'un outil numérique de suivi de la mise en œuvre des recommandations",
        es="Fortalecer la Comisión Interministerial de Presentación de Informes y Seguimiento en materia de Derechos Humanos, entre otras cosas dotándola de una secretaría permanente y de una herramienta digital para el seguimiento de la aplicación de las recomendaciones",
        ar="تعزيز اللجنة الوزارية المشتركة المعنية بتقديم التقارير ومتابعة حقوق الإنسان، بوسائل منها تزويدها بأمانة دائمة وبأداة رقمية لتتبع تنفيذ التوصيات",
        pool="south",
    ),
    upr(
        "nmirf",
        "Involve civil society and the National Human Rights Commission systematically in the follow-up to the recommendations of the universal periodic review",
        2,
        pool="rights",
    ),
    upr(
        "nap",
        "Adopt a new national human rights action plan for 2024–2028 that incorporates the recommendations of the international human rights mechanisms",
        2,
    ),
    upr(
        "data",
        "Continue to strengthen its national statistical system to monitor the human rights dimensions of the Sustainable Development Goals",
        1,
        pool="south",
    ),
    upr(
        "hr-training",
        "Continue to strengthen human rights education and training for public officials",
        1,
        pool="south",
    ),
    upr(
        "nhri",
        "Preserve the independence of the National Human Rights Commission and guarantee a transparent and participatory process for the selection of its commissioners",
        1,
        pool="rights",
    ),
    upr(
        "general",
        "Continue its positive efforts to strengthen the national human rights framework",
        2,
        pool="south",
    ),
    upr(
        "general",
        "Share its good practices in the promotion and protection of human rights with other countries",
        1,
        pool="south",
    ),
    upr(
        "non-discrimination",
        "Finalize the adoption of the draft comprehensive anti-discrimination law and establish an independent equality body",
        3,
        fr="Mener à terme l'adoption du projet de loi globale contre la discrimination et créer un organisme indépendant de promotion de l'égalité",
        es="Concluir la aprobación del proyecto de ley integral contra la discriminación y crear un organismo independiente de promoción de la igualdad",
        ar="استكمال اعتماد مشروع القانون الشامل لمكافحة التمييز وإنشاء هيئة مستقلة معنية بالمساواة",
        pool="rights",
    ),
    upr(
        "lgbti-law",
        "Repeal article 287 of the Penal Code, which criminalizes consensual sexual relations between persons of the same sex",
        3,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "lgbti-law",
        "Adopt legislation allowing the legal recognition of the gender identity of transgender persons",
        1,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "hate-speech",
        "Take effective measures to prevent and punish hate crimes and hate speech, including against persons of African descent and LGBTI persons",
        2,
    ),
    upr(
        "vaw-response",
        "Ensure the effective implementation of Law No. 14 of 2021 on the Comprehensive Protection of Women against Violence, including by allocating sufficient resources",
        3,
        fr="Garantir l'application effective de la loi no 14 de 2021 relative à la protection intégrale des femmes contre la violence, notamment en y allouant des ressources suffisantes",
        es="Garantizar la aplicación efectiva de la Ley núm. 14 de 2021 de Protección Integral de las Mujeres contra la Violencia, entre otras cosas asignando recursos suficientes",
        ar="ضمان التنفيذ الفعال للقانون رقم 14 لعام 2021 بشأن الحماية الشاملة للمرأة من العنف، بوسائل منها تخصيص موارد كافية",
    ),
    upr(
        "vaw-response",
        "Expand the network of shelters and one-stop centres for victims of gender-based violence to all regions",
        2,
    ),
    upr("vaw-data", "Establish a national register of cases of femicide and gender-based violence", 1),
    upr("vaw-law", "Criminalize femicide as a separate offence in the Penal Code", 1, pool="rights"),
    upr(
        "vaw-response",
        "Strengthen the capacity of police officers, prosecutors and judges to handle cases of sexual violence in a survivor-centred manner",
        2,
    ),
    upr(
        "women-economic",
        "Combat sexual harassment in the workplace and in educational institutions",
        1,
    ),
    upr(
        "women-participation",
        "Adopt a gender parity law for candidate lists in legislative and municipal elections",
        2,
        position=SUPPORTED_IN_PART,
        pool="rights",
    ),
    upr(
        "women-participation",
        "Continue to promote the participation of women in political and public life",
        2,
        pool="south",
    ),
    upr(
        "women-economic",
        "Adopt measures to reduce the gender pay gap and to promote women's access to formal employment",
        2,
    ),
    upr(
        "corporal-punishment",
        "Amend the Children's Code to explicitly prohibit corporal punishment in the home",
        3,
        fr="Modifier le Code de l'enfance afin d'interdire expressément les châtiments corporels au sein de la famille",
        es="Modificar el Código de la Niñez para prohibir expresamente el castigo corporal en el hogar",
        ar="تعديل قانون الطفل لحظر العقوبة البدنية صراحةً في المنزل",
        pool="rights",
    ),
    upr(
        "child-marriage",
        "Ensure the enforcement of the minimum age of marriage of 18 years and raise awareness in rural communities of the harmful effects of child marriage",
        2,
    ),
    upr(
        "birth-registration",
        "Ensure that all children born in its territory are registered immediately after birth, including the children of migrants",
        2,
        pool="migration",
    ),
    upr(
        "child-exploitation",
        "Strengthen measures to protect children from online sexual exploitation and abuse",
        2,
    ),
    upr(
        "alternative-care",
        "Accelerate the transition from institutional care to family-based and community-based care for children",
        1,
    ),
    upr("child-budget", "Increase budget allocations for child protection services", 1, pool="south"),
    upr(
        "macr",
        "Raise the minimum age of criminal responsibility from 12 to 14 years in line with international standards",
        2,
        pool="rights",
    ),
    upr("juvenile-justice", "Establish specialized juvenile courts in all judicial districts", 1),
    upr(
        "juvenile-justice",
        "Ensure that children in conflict with the law have access to legal aid and to education while in detention",
        1,
    ),
    upr(
        "torture-investigation",
        "Establish an independent mechanism to investigate allegations of torture and ill-treatment by law enforcement officials",
        2,
        pool="rights",
    ),
    upr(
        "protests-2019",
        "Ensure accountability for the deaths of protesters during the demonstrations of October 2019 and provide reparation to the victims and their families",
        3,
        fr="Amener les responsables des décès de manifestants survenus lors des manifestations d'octobre 2019 à rendre compte de leurs actes et accorder réparation aux victimes et à leur famille",
        es="Garantizar la rendición de cuentas por las muertes de manifestantes durante las protestas de octubre de 2019 y proporcionar reparación a las víctimas y sus familias",
        ar="ضمان المساءلة عن وفاة متظاهرين خلال مظاهرات تشرين الأول/أكتوبر 2019 وتقديم جبر الضرر للضحايا وأسرهم",
        pool="rights",
    ),
    upr(
        "prison-conditions",
        "Adopt a comprehensive strategy to reduce prison overcrowding, including through alternatives to detention and a review of sentencing policies for minor drug offences",
        2,
    ),
    upr(
        "prison-conditions",
        "Guarantee adequate health care in prisons, including mental health care and the treatment of tuberculosis",
        1,
    ),
    upr(
        "pretrial",
        "Ensure that pretrial detention is an exceptional measure and limit its duration in law",
        2,
    ),
    upr(
        "death-penalty",
        "Commute all death sentences and formalize the de facto moratorium on executions",
        3,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "abolition",
        "Abolish the death penalty in law for all crimes and in all circumstances",
        2,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "women-prisoners",
        "Ensure that women prisoners are held separately from men and supervised by female staff, in line with the Bangkok Rules",
        1,
    ),
    upr(
        "judicial-independence",
        "Adopt the draft law on the judicial career in order to strengthen the independence of the judiciary",
        2,
    ),
    upr(
        "legal-aid",
        "Strengthen the Public Defender's Office and extend free legal aid to all regions",
        2,
    ),
    upr(
        "corruption",
        "Implement the national anti-corruption strategy and adopt legislation to protect whistle-blowers",
        2,
        fr="Mettre en œuvre la stratégie nationale de lutte contre la corruption et adopter une législation protégeant les lanceurs d'alerte",
        es="Aplicar la estrategia nacional de lucha contra la corrupción y aprobar legislación para proteger a los denunciantes de irregularidades",
        ar="تنفيذ الاستراتيجية الوطنية لمكافحة الفساد واعتماد تشريعات لحماية المبلغين عن المخالفات",
    ),
    upr(
        "indigenous-justice",
        "Improve access to justice for indigenous peoples, including through interpretation and the recognition of indigenous justice systems in line with international standards",
        1,
    ),
    upr(
        "remedy",
        "Ensure that victims of human rights violations have access to effective remedies and full reparation",
        1,
    ),
    upr(
        "counter-terrorism",
        "Bring the Anti-Terrorism Act of 2017 into line with international human rights standards, including by narrowing the definition of terrorism",
        2,
        position=SUPPORTED_IN_PART,
        pool="rights",
    ),
    upr(
        "use-of-force",
        "Adopt the draft law on the use of force and ensure that it complies with the Basic Principles on the Use of Force and Firearms by Law Enforcement Officials",
        2,
        pool="rights",
    ),
    upr(
        "safeguards",
        "Introduce body-worn cameras and the audiovisual recording of interrogations to prevent ill-treatment in police custody",
        1,
    ),
    upr(
        "defamation",
        "Repeal or amend article 22 of the Cybercrime Act of 2020 on the dissemination of false information to ensure its compatibility with freedom of expression",
        3,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "journalists",
        "Establish an effective protection mechanism for human rights defenders, journalists and environmental activists, in consultation with civil society",
        3,
        fr="Mettre en place un mécanisme efficace de protection des défenseurs des droits de l'homme, des journalistes et des militants écologistes, en concertation avec la société civile",
        es="Establecer un mecanismo eficaz de protección de los defensores de los derechos humanos, los periodistas y los activistas ambientales, en consulta con la sociedad civil",
        ar="إنشاء آلية فعالة لحماية المدافعين عن حقوق الإنسان والصحفيين والناشطين في مجال البيئة، بالتشاور مع المجتمع المدني",
        pool="rights",
    ),
    upr(
        "hrd-law",
        "Adopter une loi portant création d'un mécanisme de protection des défenseurs des droits de l'homme et des journalistes, doté de ressources humaines et financières suffisantes",
        en="Adopt a law establishing a protection mechanism for human rights defenders and journalists, with sufficient human and financial resources",
        es="Aprobar una ley por la que se establezca un mecanismo de protección de los defensores de los derechos humanos y los periodistas, dotado de recursos humanos y financieros suficientes",
        ar="اعتماد قانون ينشئ آلية لحماية المدافعين عن حقوق الإنسان والصحفيين، مزودة بموارد بشرية ومالية كافية",
        states=("FRA",),
        original="fr",
    ),
    upr(
        "assembly",
        "Amend the Public Order Act of 2019 to replace the prior authorization regime for assemblies with a system of notification",
        2,
        pool="rights",
    ),
    upr(
        "association",
        "Ensure that civil society organizations can register, operate and access funding without undue restrictions",
        2,
        pool="rights",
    ),
    upr(
        "env-defenders",
        "Ensure that environmental human rights defenders and indigenous leaders can carry out their work without fear of reprisals",
        1,
        pool="rights",
    ),
    upr(
        "media",
        "Guarantee the independence and pluralism of the media, including of the public broadcaster",
        1,
        pool="rights",
    ),
    upr(
        "trafficking-plan",
        "Allocate adequate funding to the National Committee against Trafficking in Persons for the implementation of the new national action plan",
        1,
    ),
    upr(
        "trafficking-victims",
        "Strengthen measures to identify and assist victims of trafficking, including for labour exploitation in the fishing and agricultural sectors",
        2,
        fr="Renforcer les mesures visant à identifier et à aider les victimes de la traite, y compris aux fins d'exploitation par le travail dans les secteurs de la pêche et de l'agriculture",
        es="Reforzar las medidas para identificar y asistir a las víctimas de la trata, incluida la trata con fines de explotación laboral en los sectores pesquero y agrícola",
        ar="تعزيز التدابير الرامية إلى تحديد ضحايا الاتجار بالأشخاص ومساعدتهم، بما في ذلك لأغراض الاستغلال في العمل في قطاعي صيد الأسماك والزراعة",
    ),
    upr(
        "trafficking-prosecution",
        "Train law enforcement officials, prosecutors and judges on the identification of victims and the prosecution of trafficking cases",
        2,
    ),
    upr(
        "trafficking-victims",
        "Ensure that victims of trafficking are not prosecuted for offences committed as a direct result of having been trafficked",
        1,
        pool="rights",
    ),
    upr(
        "maternal-health",
        "Intensify efforts to reduce maternal mortality in the Northern Highlands Region, including by ensuring skilled attendance at birth",
        2,
    ),
    upr(
        "srh",
        "Guarantee universal access to sexual and reproductive health services, including comprehensive sexuality education",
        2,
        position=SUPPORTED_IN_PART,
        pool="rights",
    ),
    upr(
        "abortion",
        "Decriminalize abortion in all circumstances and ensure access to safe and legal abortion",
        2,
        position=NOTED,
        pool="rights",
    ),
    upr(
        "uhc",
        "Increase public expenditure on health and reduce out-of-pocket payments",
        2,
        fr="Accroître les dépenses publiques de santé et réduire les paiements directs à la charge des patients",
        es="Aumentar el gasto público en salud y reducir los pagos directos de los pacientes",
        ar="زيادة الإنفاق العام على الصحة وخفض المدفوعات المباشرة من جيوب المرضى",
    ),
    upr(
        "mental-health",
        "Adopt a mental health law that promotes community-based services and ends involuntary treatment",
        1,
    ),
    upr(
        "pandemic",
        "Strengthen the preparedness of the health system for pandemics, ensuring equitable access to vaccines and health care",
        1,
        pool="south",
    ),
    upr(
        "education-access",
        "Ensure inclusive and quality education for all children, including children with disabilities, migrant children and indigenous children",
        2,
        fr="Garantir une éducation inclusive et de qualité à tous les enfants, y compris les enfants handicapés, les enfants migrants et les enfants autochtones",
        es="Garantizar una educación inclusiva y de calidad para todos los niños, incluidos los niños con discapacidad, los niños migrantes y los niños indígenas",
        ar="ضمان تعليم جيد وشامل للجميع لجميع الأطفال، بمن فيهم الأطفال ذوو الإعاقة والأطفال المهاجرون وأطفال الشعوب الأصلية",
    ),
    upr(
        "dropout",
        "Address the learning losses caused by school closures during the COVID-19 pandemic, especially for children without access to the Internet",
        1,
    ),
    upr(
        "school-infrastructure",
        "Invest in school infrastructure in rural areas, including water, sanitation and Internet connectivity",
        1,
        pool="south",
    ),
    upr(
        "dropout",
        "Continue to increase enrolment in secondary and tertiary education, in particular for girls",
        2,
        pool="south",
    ),
    upr(
        "education-access",
        "Protect students from violence and bullying at school, including homophobic and transphobic bullying",
        1,
        pool="rights",
    ),
    upr(
        "intercultural-education",
        "Guarantee intercultural bilingual education in indigenous languages at all levels of education",
        1,
    ),
    upr(
        "poverty",
        "Continue to implement social programmes to reduce poverty and inequality, ensuring that they reach persons living in rural areas",
        3,
        fr="Continuer de mettre en œuvre des programmes sociaux visant à réduire la pauvreté et les inégalités, en veillant à ce qu'ils atteignent les personnes vivant en milieu rural",
        es="Seguir aplicando programas sociales para reducir la pobreza y la desigualdad, asegurando que lleguen a las personas que viven en zonas rurales",
        ar="مواصلة تنفيذ البرامج الاجتماعية الرامية إلى الحد من الفقر وعدم المساواة، مع ضمان وصولها إلى الأشخاص الذين يعيشون في المناطق الريفية",
        pool="south",
    ),
    upr("social-protection", "Increase the coverage and adequacy of the universal child allowance", 1),
    upr(
        "social-protection",
        "Ensure that the social protection system guarantees a minimum income for older persons and persons with disabilities",
        1,
    ),
    upr(
        "housing",
        "Adopt a national strategy on the right to adequate housing and prevent forced evictions",
        2,
    ),
    upr(
        "water",
        "Expand access to safe drinking water and sanitation services in rural areas and informal settlements",
        2,
        pool="south",
    ),
    upr(
        "food",
        "Strengthen measures to combat chronic malnutrition and anaemia among children",
        1,
        pool="south",
    ),
    upr(
        "development",
        "Continue to promote sustainable economic and social development so that its people can better enjoy all human rights",
        2,
        pool="south",
    ),
    upr(
        "domestic-workers",
        "Extend labour and social security protection to domestic workers and workers in the informal economy",
        2,
    ),
    upr(
        "child-labour",
        "Adopt a national strategy for the elimination of child labour, in line with target 8.7 of the Sustainable Development Goals",
        2,
    ),
    upr(
        "labour-inspection",
        "Strengthen the labour inspectorate, including by increasing the number of inspectors and their presence in rural areas",
        1,
    ),
    upr(
        "minimum-wage",
        "Review the minimum wage regularly to guarantee a decent living for workers and their families",
        1,
    ),
    upr(
        "trade-unions",
        "Protect trade union leaders from reprisals and guarantee the right to strike",
        1,
        pool="rights",
    ),
    upr(
        "legal-capacity",
        "Replace substituted decision-making regimes in the Civil Code with supported decision-making",
        2,
        pool="rights",
    ),
    upr(
        "disability-inclusion",
        "Develop a strategy for the deinstitutionalization of persons with disabilities",
        1,
    ),
    upr(
        "accessibility",
        "Ensure that all public buildings, transport and digital public services are accessible to persons with disabilities",
        1,
    ),
    upr(
        "disability-data",
        "Improve the collection of data on persons with disabilities, using the questions of the Washington Group on Disability Statistics",
        1,
    ),
    upr(
        "disability-vote",
        "Guarantee the right to vote of all persons with disabilities, including persons under guardianship",
        1,
        pool="rights",
    ),
    upr(
        "fpic",
        "Adopt a law on prior consultation, developed with indigenous peoples, that guarantees their free, prior and informed consent",
        2,
        pool="rights",
    ),
    upr(
        "land-titling",
        "Complete the titling of indigenous collective lands and protect them from encroachment",
        2,
    ),
    upr(
        "racial-discrimination",
        "Adopt a national plan against racial discrimination with specific measures for Afro-Valdorian communities",
        2,
        fr="Adopter un plan national de lutte contre la discrimination raciale assorti de mesures spécifiques en faveur des communautés afro-valdoriennes",
        es="Aprobar un plan nacional contra la discriminación racial con medidas específicas para las comunidades afrovaldorianas",
        ar="اعتماد خطة وطنية لمكافحة التمييز العنصري تتضمن تدابير محددة لصالح المجتمعات الفالدورية المنحدرة من أصل أفريقي",
    ),
    upr("racial-profiling", "Combat racial profiling by law enforcement officials", 1, pool="rights"),
    upr(
        "indigenous-participation",
        "Ensure the participation of indigenous peoples and persons of African descent in public decision-making",
        1,
    ),
    upr(
        "migrants-rights",
        "Ensure that migrants and asylum seekers have access to basic services, including health care and education, regardless of their status",
        2,
        fr="Veiller à ce que les migrants et les demandeurs d'asile aient accès aux services de base, notamment aux soins de santé et à l'éducation, quel que soit leur statut",
        es="Velar por que los migrantes y los solicitantes de asilo tengan acceso a los servicios básicos, incluidas la atención de la salud y la educación, independientemente de su situación",
        ar="ضمان حصول المهاجرين وملتمسي اللجوء على الخدمات الأساسية، بما فيها الرعاية الصحية والتعليم، بصرف النظر عن وضعهم",
        pool="migration",
    ),
    upr(
        "migrants-rights",
        "Garantizar el acceso de las personas migrantes a la justicia y a los servicios de salud, independientemente de su situación migratoria",
        en="Guarantee access to justice and to health services for migrants, regardless of their migration status",
        fr="Garantir l'accès des migrants à la justice et aux services de santé, quel que soit leur statut migratoire",
        ar="ضمان وصول المهاجرين إلى العدالة والخدمات الصحية، بصرف النظر عن وضعهم من حيث الهجرة",
        states=("MEX",),
        original="es",
    ),
    upr(
        "migrant-detention",
        "End the detention of migrant children and their families and develop alternatives to detention",
        2,
        pool="rights",
    ),
    upr("migration-law", "Adopt a new migration law based on a human rights approach", 1),
    upr(
        "migrants-rights",
        "Regularize the situation of migrants who have lived in the country for a long period",
        1,
        position=NOTED,
        pool="migration",
    ),
    upr(
        "statelessness",
        "Establish a statelessness determination procedure and facilitate the naturalization of stateless persons",
        1,
    ),
    upr("xenophobia", "Combat xenophobia and hate speech against migrants and refugees", 1, pool="migration"),
    upr(
        "care",
        "Crear un sistema nacional de cuidados que reconozca, reduzca y redistribuya el trabajo de cuidados no remunerado que realizan principalmente las mujeres",
        en="Create a national care system that recognizes, reduces and redistributes the unpaid care work performed mainly by women",
        fr="Créer un système national de soins qui reconnaisse, réduise et redistribue le travail de soins non rémunéré effectué principalement par les femmes",
        ar="إنشاء نظام وطني للرعاية يعترف بأعمال الرعاية غير المدفوعة الأجر التي تؤديها النساء أساساً ويحد منها ويعيد توزيعها",
        states=("URY",),
        original="es",
    ),
    upr(
        "business",
        "Adopt and implement the national action plan on business and human rights, including mandatory human rights due diligence",
        2,
        pool="rights",
    ),
    upr(
        "mining",
        "Strengthen the protection of communities affected by mining activities, including with regard to the contamination of water sources",
        1,
    ),
    upr(
        "climate",
        "Integrate a human rights-based approach into its climate change policies, including its nationally determined contributions",
        2,
        fr="Intégrer une approche fondée sur les droits de l'homme dans ses politiques relatives aux changements climatiques, y compris ses contributions déterminées au niveau national",
        es="Integrar un enfoque basado en los derechos humanos en sus políticas sobre el cambio climático, incluidas sus contribuciones determinadas a nivel nacional",
        ar="إدماج نهج قائم على حقوق الإنسان في سياساتها المتعلقة بتغير المناخ، بما في ذلك مساهماتها المحددة وطنياً",
        pool="south",
    ),
    upr(
        "environment-right",
        "Recognize the right to a clean, healthy and sustainable environment in its national legislation",
        1,
        pool="rights",
    ),
    upr(
        "disaster",
        "Continue to strengthen disaster risk management, with a focus on persons in vulnerable situations",
        1,
        pool="south",
    ),
)


# Treaty bodies -------------------------------------------------------------------------------------

TREATY_BODY_DOCUMENTS: dict[DocumentSpec, tuple[Section, ...]] = {
    DocumentSpec(
        "CAT/C/XVD/CO/4",
        "CAT",
        "Concluding observations on the fourth periodic report of Valdoria",
        date(2019, 12, 6),
        "68",
    ): (
        Section(
            "torture-law",
            8,
            "The Committee is concerned that article 183 of the Penal Code does not contain all the elements of the definition of torture set out in article 1 of the Convention and that the penalties it provides, of two to five years' imprisonment, are not commensurate with the grave nature of the crime.",
            (
                Tr(
                    en="The Committee recommends that the State party amend article 183 of the Penal Code to bring the definition of torture into line with article 1 of the Convention and ensure that the penalties for torture are commensurate with the gravity of the crime.",
                    fr="Le Comité recommande à l'État partie de modifier l'article 183 du Code pénal afin de rendre la définition de la torture conforme à l'article premier de la Convention et de veiller à ce que les peines prévues pour la torture soient proportionnées à la gravité de ce crime.",
                    es="El Comité recomienda al Estado parte que modifique el artículo 183 del Código Penal para armonizar la definición de tortura con el artículo 1 de la Convención y vele por que las penas por tortura sean proporcionales a la gravedad del delito.",
                    ar="توصي اللجنة الدولة الطرف بتعديل المادة 183 من قانون العقوبات لمواءمة تعريف التعذيب مع المادة 1 من الاتفاقية، وبضمان أن تكون العقوبات المقررة على التعذيب متناسبة مع جسامة هذه الجريمة.",
                ),
            ),
        ),
        Section(
            "safeguards",
            10,
            "The Committee is concerned at reports that persons deprived of their liberty, particularly in police custody, are not always afforded all fundamental legal safeguards from the outset of their detention, including prompt access to a lawyer and to an independent medical examination and the right to inform a relative of their detention.",
            (
                "The Committee recommends that the State party ensure, in law and in practice, that all detained persons are afforded all fundamental legal safeguards from the very outset of their deprivation of liberty, including the right to have access to a lawyer, to request a medical examination by an independent doctor and to inform a relative or any other person of their choice of their detention.",
                "The Committee recommends that the State party establish a central register of all persons deprived of their liberty that is accessible to their lawyers and relatives, and monitor compliance by all officials with the obligation to record detentions.",
            ),
        ),
        Section(
            "pretrial",
            14,
            "The Committee is concerned about the excessive use and length of pretrial detention, with pretrial detainees accounting for 48 per cent of the prison population, some of whom have been held for longer than the maximum sentence for the offence of which they are accused.",
            (
                "The Committee recommends that the State party ensure that pretrial detention is used only as an exceptional measure, for a limited period and in accordance with the law, taking into account the principles of necessity and proportionality.",
                "The Committee recommends that the State party make greater use of alternatives to pretrial detention, in accordance with the United Nations Standard Minimum Rules for Non-custodial Measures (the Tokyo Rules).",
            ),
        ),
        Section(
            "prison-conditions",
            16,
            "The Committee is concerned about the poor material conditions in places of deprivation of liberty, in particular the overcrowding of prisons, which operate at 170 per cent of their official capacity, the lack of adequate health care and the high number of deaths in custody.",
            (
                "The Committee recommends that the State party intensify its efforts to reduce overcrowding in prisons, including by applying non-custodial measures and by renovating detention facilities to meet international standards.",
                "The Committee recommends that the State party improve material conditions in all places of detention in line with the United Nations Standard Minimum Rules for the Treatment of Prisoners (the Nelson Mandela Rules), including access to health care, food and drinking water.",
                "The Committee recommends that the State party ensure that all deaths in custody are promptly and impartially investigated by an independent body, and that the findings are made public.",
            ),
        ),
        Section(
            "ratification-torture",
            18,
            "The Committee regrets that the State party has not yet ratified the Optional Protocol to the Convention and has not established a national preventive mechanism.",
            (
                Rec(
                    "The Committee encourages the State party to expedite the ratification of the Optional Protocol to the Convention and to establish an independent and adequately resourced national preventive mechanism.",
                    status="implemented",
                    status_date=date(2022, 3, 1),
                ),
            ),
        ),
        Section(
            "torture-investigation",
            20,
            "The Committee is concerned that complaints of torture and ill-treatment against police officers are investigated by the internal affairs unit of the National Police itself, and that very few such complaints have resulted in prosecutions and convictions.",
            (
                "The Committee recommends that the State party establish an independent mechanism to receive and investigate all complaints of torture and ill-treatment, with no institutional or hierarchical connection between the investigators and the alleged perpetrators.",
                "The Committee recommends that the State party ensure that alleged perpetrators are immediately suspended from duty for the duration of the investigation, and that those found guilty are punished with penalties commensurate with the gravity of their acts.",
            ),
        ),
        Section(
            "remedy",
            38,
            None,
            (
                "The Committee recommends that the State party ensure that all victims of torture and ill-treatment obtain redress, including fair and adequate compensation and the means for as full rehabilitation as possible.",
            ),
        ),
    ),
    DocumentSpec(
        "CRPD/C/XVD/CO/1",
        "CRPD",
        "Concluding observations on the initial report of Valdoria",
        date(2019, 4, 12),
        "21",
    ): (
        Section(
            "accessibility",
            16,
            "The Committee is concerned about the lack of a national accessibility plan and about the inaccessibility of public buildings, transport, information and communications, particularly outside the capital.",
            (
                "The Committee recommends that the State party adopt a national accessibility plan with time-bound targets and sanctions for non-compliance, covering the built environment, transport, information and communications technologies and services open to the public, in both urban and rural areas.",
            ),
        ),
        Section(
            "legal-capacity",
            22,
            "The Committee is concerned that articles 320 to 341 of the Civil Code allow persons with disabilities, particularly persons with intellectual or psychosocial disabilities, to be deprived of their legal capacity and placed under full guardianship.",
            (
                "The Committee recommends that the State party repeal the provisions of the Civil Code that permit substituted decision-making, including full and partial guardianship.",
                "The Committee recommends that the State party establish supported decision-making mechanisms that respect the autonomy, will and preferences of persons with disabilities.",
            ),
        ),
        Section(
            "disability-inclusion",
            36,
            "The Committee is concerned that some 2,300 persons with disabilities, including children, live in long-stay residential institutions, and that community-based support services are scarce.",
            (
                "The Committee recommends that the State party adopt a deinstitutionalization strategy with clear timelines and a dedicated budget, and develop community-based services that enable persons with disabilities to live independently and be included in the community.",
            ),
        ),
        Section(
            "inclusive-education",
            44,
            "The Committee is concerned that most children with disabilities are educated in special schools or are out of school, and that mainstream schools lack reasonable accommodation and trained teachers.",
            (
                "The Committee recommends that the State party adopt a policy on inclusive, quality education for all children with disabilities, with a timeline for the transition from special to inclusive education.",
                "The Committee recommends that the State party ensure that reasonable accommodation is provided in mainstream schools and that teachers are trained in inclusive education, sign language and Braille.",
            ),
        ),
        Section(
            "disability-employment",
            50,
            "The Committee is concerned that the 3 per cent employment quota for persons with disabilities in the public sector is not enforced and that the unemployment rate of persons with disabilities is three times that of the general population.",
            (
                "The Committee recommends that the State party enforce the public-sector employment quota, provide incentives and support for reasonable accommodation to employers in the private sector, and monitor the employment of persons with disabilities.",
            ),
        ),
        Section(
            "disability-vote",
            52,
            "The Committee is concerned that article 14 of the Electoral Code excludes persons under guardianship from the right to vote.",
            (
                "The Committee recommends that the State party amend article 14 of the Electoral Code to guarantee the right of all persons with disabilities to vote and to stand for election, and ensure that polling stations and electoral materials are accessible.",
            ),
        ),
        Section(
            "disability-data",
            56,
            None,
            (
                "The Committee recommends that the State party systematize the collection of data on persons with disabilities, disaggregated by age, sex, type of impairment and place of residence, using the short set of questions of the Washington Group on Disability Statistics.",
            ),
        ),
    ),
    DocumentSpec(
        "CCPR/C/XVD/CO/3",
        "CCPR",
        "Concluding observations on the third periodic report of Valdoria",
        date(2022, 11, 3),
        "136",
    ): (
        Section(
            "lgbti-law",
            10,
            "The Committee is concerned that article 287 of the Penal Code criminalizes consensual sexual relations between adults of the same sex, and about reports of harassment, violence and arbitrary arrest of lesbian, gay, bisexual, transgender and intersex persons.",
            (
                "The Committee recommends that the State party repeal article 287 of the Penal Code and take the measures necessary to protect lesbian, gay, bisexual, transgender and intersex persons from discrimination, harassment and violence.",
            ),
        ),
        Section(
            "counter-terrorism",
            14,
            "The Committee is concerned that the definition of terrorism in the Anti-Terrorism Act of 2017 is overly broad and vague, and that the Act has been used against journalists, human rights defenders and peaceful protesters.",
            (
                "The Committee recommends that the State party revise the Anti-Terrorism Act of 2017 to ensure that the definition of terrorism is precise and limited to acts of a genuinely terrorist nature, in line with the principles of legality, necessity and proportionality.",
                "The Committee recommends that the State party ensure that counter-terrorism legislation is not used to restrict the activities of journalists, human rights defenders and political opponents.",
            ),
        ),
        Section(
            "death-penalty",
            18,
            "While noting the de facto moratorium on executions in place since 2006, the Committee is concerned that courts continue to impose death sentences, including for drug-related offences that do not meet the threshold of the most serious crimes.",
            (
                Rec(
                    "The Committee recommends that the State party give due consideration to abolishing the death penalty and acceding to the Second Optional Protocol to the Covenant.",
                    topic="abolition",
                ),
                "The Committee recommends that the State party commute all death sentences to terms of imprisonment and, pending abolition, ensure that the death penalty is not imposed for crimes that do not involve intentional killing.",
            ),
        ),
        Section(
            "protests-2019",
            22,
            "The Committee is concerned about the excessive use of force by the National Police during the demonstrations of October 2019, which resulted in the deaths of 14 persons and injuries to hundreds, and about the lack of progress in the investigations into those events.",
            (
                "The Committee recommends that the State party ensure that all allegations of excessive use of force during the demonstrations of October 2019 are promptly, impartially and effectively investigated, and that those responsible are prosecuted and punished.",
                Rec(
                    "The Committee recommends that the State party adopt a law on the use of force in line with the Basic Principles on the Use of Force and Firearms by Law Enforcement Officials and the United Nations Human Rights Guidance on Less-Lethal Weapons in Law Enforcement.",
                    topic="use-of-force",
                ),
                "The Committee recommends that the State party provide full reparation, including adequate compensation, to the victims and their families.",
            ),
        ),
        Section(
            "defamation",
            38,
            "The Committee is concerned that defamation remains a criminal offence and that article 22 of the Cybercrime Act of 2020, on the dissemination of false information, has been used to prosecute journalists and social media users.",
            (
                "The Committee recommends that the State party consider decriminalizing defamation and, in any case, restrict the application of criminal law to the most serious cases, bearing in mind that imprisonment is never an appropriate penalty for defamation.",
                "The Committee recommends that the State party review article 22 of the Cybercrime Act of 2020 to bring it into line with article 19 of the Covenant.",
            ),
        ),
        Section(
            "assembly",
            40,
            "The Committee is concerned that the Public Order Act of 2019 requires prior authorization for assemblies and grants the authorities broad discretion to prohibit or disperse them.",
            (
                "The Committee recommends that the State party revise the Public Order Act of 2019 to ensure that any restrictions on peaceful assembly comply with the strict requirements of article 21 of the Covenant, and replace the authorization regime with a notification regime.",
            ),
        ),
        Section(
            "association",
            42,
            "The Committee is concerned that the Law on Non-Governmental Organizations of 2018 imposes burdensome registration requirements and requires prior approval for foreign funding.",
            (
                "The Committee recommends that the State party revise the Law on Non-Governmental Organizations of 2018 to ensure that registration procedures are simple and that any restrictions on access to funding are compatible with article 22 of the Covenant.",
            ),
        ),
    ),
    DocumentSpec(
        "CEDAW/C/XVD/CO/8",
        "CEDAW",
        "Concluding observations on the eighth periodic report of Valdoria",
        date(2021, 11, 10),
        "80",
    ): (
        Section(
            "vaw-response",
            23,
            "While welcoming the adoption of Law No. 14 of 2021 on the Comprehensive Protection of Women against Violence, the Committee is concerned about the high rates of femicide, the insufficient number of shelters, all of which are located in the capital, and the low rate of prosecution of perpetrators.",
            (
                Tr(
                    en="The Committee recommends that the State party allocate sufficient human, technical and financial resources for the effective implementation of Law No. 14 of 2021 on the Comprehensive Protection of Women against Violence.",
                    fr="Le Comité recommande à l'État partie d'allouer des ressources humaines, techniques et financières suffisantes à l'application effective de la loi no 14 de 2021 relative à la protection intégrale des femmes contre la violence.",
                    es="El Comité recomienda al Estado parte que asigne recursos humanos, técnicos y financieros suficientes para la aplicación efectiva de la Ley núm. 14 de 2021 de Protección Integral de las Mujeres contra la Violencia.",
                    ar="توصي اللجنة الدولة الطرف بتخصيص موارد بشرية وتقنية ومالية كافية للتنفيذ الفعال للقانون رقم 14 لعام 2021 بشأن الحماية الشاملة للمرأة من العنف.",
                ),
                "The Committee recommends that the State party establish shelters and one-stop crisis centres for women victims of violence in all regions, including in rural and remote areas.",
                Rec(
                    "The Committee recommends that the State party systematically collect data on all forms of gender-based violence against women, disaggregated by age, ethnicity, disability and the relationship between the victim and the perpetrator.",
                    topic="vaw-data",
                ),
            ),
        ),
        Section(
            "trafficking-victims",
            25,
            "The Committee is concerned that the State party remains a country of origin, transit and destination of trafficking in women and girls for purposes of sexual and labour exploitation, and that procedures for identifying victims are inadequate.",
            (
                "The Committee recommends that the State party adopt standard operating procedures for the early identification and referral of women and girls who are victims of trafficking, and ensure their access to protection regardless of their willingness to cooperate with the prosecution.",
            ),
        ),
        Section(
            "women-participation",
            27,
            "The Committee notes that women hold only 22 per cent of the seats in the National Assembly and 15 per cent of ministerial posts.",
            (
                "The Committee recommends that the State party adopt temporary special measures, including a parity requirement for electoral lists with placement rules, to accelerate the equal representation of women in elected and appointed bodies.",
            ),
        ),
        Section(
            "women-economic",
            35,
            "The Committee is concerned about the gender pay gap of 19 per cent, the concentration of women in the informal economy and the lack of social security coverage for domestic workers.",
            (
                "The Committee recommends that the State party enforce the principle of equal pay for work of equal value, including through job evaluation methods and regular labour inspections, and extend social security to women working in the informal economy.",
            ),
        ),
        Section(
            "abortion",
            37,
            "The Committee is concerned that abortion is criminalized in all circumstances except where the life of the pregnant woman is at risk, leading women to resort to unsafe abortion, which is a major cause of maternal mortality.",
            (
                "The Committee recommends that the State party legalize abortion in cases of rape, incest, threats to the life or health of the pregnant woman and severe foetal impairment, and decriminalize it in all other cases.",
                "The Committee recommends that the State party ensure access to quality post-abortion care for women and girls in all circumstances.",
            ),
        ),
        Section(
            "rural-women",
            41,
            "The Committee is concerned that rural and indigenous women face barriers to land ownership and access to credit, and are underrepresented in decision-making on land and natural resources.",
            (
                "The Committee recommends that the State party guarantee the equal rights of rural and indigenous women to land, including through joint titling, and their participation in decisions on land use and natural resources.",
            ),
        ),
        Section(
            "child-marriage",
            47,
            "The Committee is concerned that article 12 of the Family Code allows girls to marry at 16 years of age with parental consent, and that child marriage remains prevalent in rural areas.",
            (
                Rec(
                    "The Committee recommends that the State party amend article 12 of the Family Code to raise the minimum age of marriage to 18 years for both women and men, without exception.",
                    status="implemented",
                    status_date=date(2022, 5, 12),
                ),
            ),
        ),
    ),
    DocumentSpec(
        "CRC/C/XVD/CO/5-6",
        "CRC",
        "Concluding observations on the combined fifth and sixth periodic reports of Valdoria",
        date(2022, 6, 8),
        "90",
    ): (
        Section(
            "child-budget",
            9,
            None,
            (
                "The Committee recommends that the State party conduct a comprehensive assessment of the budget needs for children and allocate adequate budgetary resources to implement children's rights, with a particular focus on children in rural areas and on indigenous and Afro-Valdorian children.",
            ),
        ),
        Section(
            "birth-registration",
            18,
            "The Committee is concerned that 8 per cent of births, mostly in the Northern Highlands Region and among the children of migrants, are not registered, and that late registration entails fees.",
            (
                "The Committee recommends that the State party ensure free and immediate birth registration for all children born in its territory, regardless of the status of their parents, including through mobile registration units and registration in health facilities.",
            ),
        ),
        Section(
            "corporal-punishment",
            21,
            "The Committee is concerned that, although corporal punishment was prohibited in schools in 2020, it remains lawful in the home and in alternative care settings and is widely accepted as a form of discipline.",
            (
                Tr(
                    en="The Committee recommends that the State party explicitly prohibit corporal punishment in all settings, including in the home, by amending the Children's Code.",
                    fr="Le Comité recommande à l'État partie d'interdire expressément les châtiments corporels dans tous les contextes, y compris au sein de la famille, en modifiant le Code de l'enfance.",
                    es="El Comité recomienda al Estado parte que prohíba expresamente el castigo corporal en todos los entornos, incluido el hogar, mediante la modificación del Código de la Niñez.",
                    ar="توصي اللجنة الدولة الطرف بأن تحظر صراحةً العقوبة البدنية في جميع الأوساط، بما في ذلك في المنزل، عن طريق تعديل قانون الطفل.",
                ),
                Rec(
                    "The Committee recommends that the State party promote positive, non-violent and participatory forms of child-rearing and discipline through awareness-raising programmes for parents and professionals.",
                    topic="child-protection",
                ),
            ),
        ),
        Section(
            "child-exploitation",
            24,
            "The Committee is concerned about the increase in cases of online sexual exploitation and abuse of children and about the limited capacity of the police to investigate such crimes.",
            (
                "The Committee recommends that the State party establish a specialized police unit on online child sexual exploitation, strengthen cooperation with Internet service providers and ensure that child victims have access to child-friendly reporting and recovery services.",
            ),
        ),
        Section(
            "alternative-care",
            27,
            "The Committee is concerned about the large number of children placed in residential institutions, often because of poverty or disability, and about the lack of family-based alternative care.",
            (
                "The Committee recommends that the State party adopt a deinstitutionalization strategy for children, prevent family separation on the grounds of poverty or disability and develop foster care and kinship care, guided by the Guidelines for the Alternative Care of Children.",
            ),
        ),
        Section(
            "food",
            34,
            "The Committee is concerned that chronic malnutrition affects 23 per cent of children under 5 years of age in the Northern Highlands Region, compared with a national average of 11 per cent.",
            (
                "The Committee recommends that the State party strengthen its nutrition programmes for young children and for pregnant and breastfeeding women, with a focus on the Northern Highlands Region and on indigenous communities.",
            ),
        ),
        Section(
            "dropout",
            37,
            "The Committee is concerned about the high dropout rate in secondary education, particularly among girls, indigenous children and children in rural areas, and about the expulsion of pregnant girls from some schools.",
            (
                "The Committee recommends that the State party strengthen measures to reduce dropout in secondary education, including through school transport, scholarships and school meals in rural areas.",
                "The Committee recommends that the State party ensure that pregnant girls and adolescent mothers are supported to continue their education in mainstream schools.",
            ),
        ),
        Section(
            "child-labour",
            42,
            "The Committee is concerned that about 9 per cent of children between 5 and 17 years of age are engaged in child labour, mostly in agriculture and domestic work.",
            (
                "The Committee recommends that the State party strengthen the capacity of the labour inspectorate to detect child labour in agriculture and domestic work and implement a time-bound national strategy to eliminate child labour.",
            ),
        ),
        Section(
            "macr",
            46,
            "The Committee is concerned that the minimum age of criminal responsibility remains at 12 years and that children are held in pretrial detention for long periods.",
            (
                "The Committee recommends that the State party raise the minimum age of criminal responsibility to at least 14 years of age.",
                Rec(
                    "The Committee recommends that the State party promote non-judicial measures, such as diversion, mediation and counselling, for children accused of criminal offences and use detention only as a measure of last resort and for the shortest possible period of time.",
                    topic="juvenile-justice",
                ),
            ),
        ),
    ),
    DocumentSpec(
        "E/C.12/XVD/CO/3",
        "CESCR",
        "Concluding observations on the third periodic report of Valdoria",
        date(2023, 10, 13),
        "74",
    ): (
        Section(
            "fiscal",
            10,
            "The Committee is concerned that the State party's tax revenue, at 14 per cent of gross domestic product, is low and relies heavily on indirect taxes, which limits the resources available for the realization of economic, social and cultural rights.",
            (
                "The Committee recommends that the State party adopt a more progressive tax policy, combat tax evasion and increase social spending, so as to use the maximum of its available resources for the realization of economic, social and cultural rights.",
            ),
        ),
        Section(
            "climate",
            12,
            "The Committee is concerned about the impact of droughts and floods on the rights to food, water and housing of rural communities, and about the limited participation of the affected communities in climate policies.",
            (
                "The Committee recommends that the State party integrate economic, social and cultural rights in its national adaptation plan and its nationally determined contribution, and ensure the participation of the communities most affected.",
            ),
        ),
        Section(
            "fpic",
            14,
            "The Committee is concerned that mining concessions have been granted on indigenous lands in the Northern Highlands Region without adequate consultation and that the water sources of several communities have been contaminated.",
            (
                "The Committee recommends that the State party guarantee the right of indigenous peoples to be consulted in order to obtain their free, prior and informed consent before granting concessions that affect their lands, territories and resources.",
                Rec(
                    "The Committee recommends that the State party carry out independent environmental and social impact assessments of mining projects and remedy the contamination of the water sources of the affected communities.",
                    topic="mining",
                ),
            ),
        ),
        Section(
            "minimum-wage",
            24,
            "The Committee is concerned that the minimum wage has not been adjusted since 2019 and does not ensure a decent living for workers and their families.",
            (
                "The Committee recommends that the State party establish a mechanism for the regular indexation of the minimum wage to the cost of living, in consultation with workers' and employers' organizations.",
            ),
        ),
        Section(
            "trade-unions",
            26,
            "The Committee is concerned about reports of dismissals of trade union leaders and about restrictions on the right to strike in sectors that are not essential services.",
            (
                "The Committee recommends that the State party protect trade union members from reprisals and bring the restrictions on the right to strike into line with article 8 of the Covenant and with the standards of the International Labour Organization.",
            ),
        ),
        Section(
            "social-protection",
            28,
            "The Committee is concerned that only 38 per cent of the population is covered by at least one social protection benefit and that workers in the informal economy are largely excluded.",
            (
                "The Committee recommends that the State party establish a social protection floor, including universal child allowances and non-contributory old-age pensions, and extend social security to workers in the informal economy.",
            ),
        ),
        Section(
            "housing",
            36,
            "The Committee is concerned about forced evictions in informal settlements in Marvella carried out without adequate notice, consultation or alternative housing.",
            (
                "The Committee recommends that the State party adopt a legal framework on evictions consistent with the Covenant and ensure that no one is rendered homeless as a result of an eviction.",
            ),
        ),
        Section(
            "water",
            38,
            "The Committee is concerned that 31 per cent of the rural population lacks access to safely managed drinking water and that open defecation persists in some rural areas.",
            (
                "The Committee recommends that the State party increase investment in water and sanitation infrastructure in rural areas and informal settlements, and ensure that water tariffs are affordable.",
            ),
        ),
        Section(
            "uhc",
            44,
            "The Committee is concerned that public expenditure on health represents only 2.1 per cent of gross domestic product and that out-of-pocket payments account for 45 per cent of health expenditure.",
            (
                "The Committee recommends that the State party progressively increase public expenditure on health and reduce out-of-pocket payments in order to achieve universal health coverage.",
            ),
        ),
    ),
    # The latest concluding observations: not yet clustered nor assigned by the secretariat.
    DocumentSpec(
        "CERD/C/XVD/CO/19-21",
        "CERD",
        "Concluding observations on the combined nineteenth to twenty-first periodic reports of Valdoria",
        date(2024, 4, 26),
        "112",
        processed=False,
    ): (
        Section(
            "ethnic-data",
            6,
            "The Committee notes the inclusion of questions on ethnic self-identification in the 2021 census but regrets that the data collected have not yet been used to design public policies.",
            (
                "The Committee recommends that the State party publish the results of the 2021 census disaggregated by ethnicity and use them to design and monitor policies to combat racial discrimination.",
            ),
        ),
        Section(
            "non-discrimination",
            8,
            "The Committee is concerned that domestic legislation does not contain a definition of racial discrimination that fully complies with article 1 of the Convention.",
            (
                "The Committee recommends that the State party adopt a definition of racial discrimination that covers direct and indirect discrimination in all fields of public life, in accordance with article 1 of the Convention.",
            ),
        ),
        Section(
            "hate-speech",
            12,
            None,
            (
                "The Committee recommends that the State party effectively investigate and prosecute racist hate speech, including on the Internet and by public figures, and condemn it publicly.",
            ),
        ),
        Section(
            "racial-profiling",
            14,
            "The Committee is concerned about reports of racial profiling by the police, in particular of Afro-Valdorians and migrants.",
            (
                "The Committee recommends that the State party prohibit racial profiling by law and establish an independent mechanism to receive complaints of racial profiling.",
            ),
        ),
        Section(
            "fpic",
            18,
            "The Committee is concerned that the draft law on prior consultation has been pending since 2020 and that indigenous peoples were not consulted on its content.",
            (
                "The Committee recommends that the State party adopt, in consultation with indigenous peoples, a law on prior consultation that guarantees their free, prior and informed consent.",
            ),
        ),
        Section(
            "racial-discrimination",
            22,
            "The Committee is concerned about the structural discrimination faced by Afro-Valdorians, reflected in poverty rates twice the national average and in their underrepresentation in public office.",
            (
                "The Committee recommends that the State party adopt special measures to reduce the socioeconomic gaps faced by Afro-Valdorians and to increase their representation in public institutions.",
            ),
        ),
        Section(
            "xenophobia",
            26,
            "The Committee is concerned about the increase in xenophobic discourse against migrants and refugees, including by political leaders.",
            (
                "The Committee recommends that the State party carry out awareness-raising campaigns against xenophobia and ensure that hate crimes against migrants and refugees are investigated and punished.",
            ),
        ),
    ),
}


# Special procedures: country-visit reports -----------------------------------------------------------

_SRT = "The Special Rapporteur recommends that the Government"
_WGAD = "The Working Group recommends that the Government"

SPECIAL_PROCEDURE_DOCUMENTS: dict[DocumentSpec, tuple[Section, ...]] = {
    DocumentSpec(
        "A/HRC/51/29/Add.1",
        "WG Arbitrary detention",
        "Visit to Valdoria: report of the Working Group on Arbitrary Detention",
        date(2022, 7, 18),
        "51",
    ): (
        Section(
            "pretrial",
            70,
            "The Working Group found that pretrial detention is the rule rather than the exception and that detainees often wait more than two years for their trial.",
        ),
        Section(
            "migrant-detention",
            71,
            "The Working Group observed that migrants in an irregular situation, including families with children, are detained in the Marvella Migrant Holding Centre without judicial review and for indefinite periods.",
        ),
        Section(
            "mental-health",
            72,
            "The Working Group is concerned that persons with psychosocial disabilities are deprived of their liberty in psychiatric institutions under the Mental Health Act of 1978 without periodic judicial review.",
        ),
        Section(
            "pretrial",
            80,
            None,
            (
                f"{_WGAD} establish in law a maximum duration for pretrial detention and ensure that detainees are released when it is exceeded.",
                Rec(
                    f"{_WGAD} guarantee the right of every detained person to challenge the lawfulness of his or her detention before a court without delay, including during states of emergency.",
                    topic="safeguards",
                ),
                Rec(
                    f"{_WGAD} ensure that immigration detention is used only as a measure of last resort, for the shortest period and subject to judicial review, and that children are never detained for reasons related to their own or their parents' migration status.",
                    topic="migrant-detention",
                ),
                Rec(
                    f"{_WGAD} release all persons detained under the Anti-Terrorism Act of 2017 solely for the peaceful exercise of their rights to freedom of expression, peaceful assembly and association.",
                    topic="counter-terrorism",
                ),
                Rec(
                    f"{_WGAD} accord victims of arbitrary detention an enforceable right to compensation.",
                    topic="remedy",
                ),
                Rec(
                    f"{_WGAD} review the Mental Health Act of 1978 to end involuntary detention on the basis of impairment and ensure periodic judicial review of all psychiatric placements.",
                    topic="mental-health",
                ),
                Rec(
                    f"{_WGAD} ensure that free legal aid is available to all persons deprived of their liberty from the moment of their arrest.",
                    topic="legal-aid",
                ),
                f"{_WGAD} make greater use of non-custodial measures, such as bail and electronic monitoring, as alternatives to pretrial detention.",
            ),
        ),
    ),
    DocumentSpec(
        "A/HRC/55/52/Add.1",
        "SR Torture",
        "Visit to Valdoria: report of the Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
        date(2024, 2, 20),
        "55",
    ): (
        Section(
            "prison-conditions",
            88,
            "The Special Rapporteur observed severe overcrowding at Marvella Central Prison, which held more than 3,100 detainees in a facility built for 1,400, with detainees sleeping in shifts and lacking adequate ventilation, water and sanitation.",
        ),
        Section(
            "torture-investigation",
            89,
            "The Special Rapporteur received consistent testimonies of beatings and threats by police officers during arrest and interrogation, aimed at extracting confessions, and found that such allegations are rarely investigated.",
        ),
        Section(
            "npm",
            90,
            "The Special Rapporteur welcomes the designation of the National Human Rights Commission as the national preventive mechanism in 2022, but notes that it has only four staff members to visit more than 200 places of deprivation of liberty.",
        ),
        Section(
            "torture-law",
            98,
            None,
            (
                f"{_SRT} amend article 183 of the Penal Code so that the definition of torture fully complies with article 1 of the Convention against Torture and that torture is not subject to any statute of limitations.",
                Tr(
                    en=f"{_SRT} ensure that all persons deprived of their liberty have access to a lawyer and to an independent medical examination from the very outset of their detention, and that these safeguards are recorded in custody registers.",
                    fr="Le Rapporteur spécial recommande au Gouvernement de veiller à ce que toutes les personnes privées de liberté aient accès à un avocat et à un examen médical indépendant dès le début de leur détention, et à ce que ces garanties soient consignées dans les registres de garde à vue.",
                    es="El Relator Especial recomienda al Gobierno que vele por que todas las personas privadas de libertad tengan acceso a un abogado y a un examen médico independiente desde el inicio mismo de su detención, y por que estas salvaguardias se consignen en los registros de custodia.",
                    ar="يوصي المقرر الخاص الحكومة بأن تكفل لجميع الأشخاص المحرومين من حريتهم إمكانية الاستعانة بمحامٍ والخضوع لفحص طبي مستقل منذ بداية احتجازهم، وأن تُدوَّن هذه الضمانات في سجلات الاحتجاز.",
                ),
                Rec(
                    f"{_SRT} introduce the audiovisual recording of all police interrogations and adopt the Principles on Effective Interviewing for Investigations and Information Gathering (the Méndez Principles).",
                    topic="safeguards",
                ),
                Rec(
                    f"{_SRT} establish an independent forensic service and ensure that medical examinations of alleged victims follow the Istanbul Protocol.",
                    topic="torture-investigation",
                ),
                Rec(
                    f"{_SRT} reduce overcrowding at Marvella Central Prison as a matter of urgency, including by reviewing the cases of all pretrial detainees held beyond the legal time limits.",
                    topic="prison-conditions",
                ),
                Rec(
                    f"{_SRT} limit the use of solitary confinement to exceptional cases, as a last resort and for no longer than 15 consecutive days.",
                    topic="prison-conditions",
                ),
                Rec(
                    f"{_SRT} provide the national preventive mechanism with the budget and staff required to visit all places of deprivation of liberty regularly and without prior notice.",
                    topic="npm",
                ),
                Rec(
                    f"{_SRT} ensure that the investigations into the deaths and injuries that occurred during the demonstrations of October 2019 are completed without further delay and that those responsible, including commanding officers, are brought to justice.",
                    topic="protests-2019",
                ),
                Rec(
                    f"{_SRT} establish a rehabilitation programme for victims of torture, including medical and psychological care, in cooperation with civil society organizations.",
                    topic="remedy",
                ),
                Rec(
                    f"{_SRT} ensure that women deprived of their liberty are held separately from men, supervised by female staff and provided with gender-specific health care, in line with the United Nations Rules for the Treatment of Women Prisoners and Non-custodial Measures for Women Offenders (the Bangkok Rules).",
                    topic="women-prisoners",
                ),
            ),
        ),
    ),
}

# Voluntary pledges of the fourth cycle (in the addendum to the report of the Working Group) -----------

PLEDGES: tuple[Pledge, ...] = (
    Pledge(
        "nmirf",
        "7",
        "Valdoria commits to presenting a voluntary mid-term report on the implementation of the recommendations received during the fourth cycle of the universal periodic review in 2026.",
    ),
    Pledge(
        "nap",
        "8",
        "Valdoria commits to adopting a third national human rights action plan for 2024–2028, prepared with the participation of civil society and the National Human Rights Commission.",
    ),
    Pledge(
        "nmirf",
        "9",
        "Valdoria commits to making its national database for tracking the implementation of recommendations publicly accessible online by the end of 2025.",
    ),
    Pledge(
        "ratification-disappearance",
        "10",
        "Valdoria commits to ratifying the International Convention for the Protection of All Persons from Enforced Disappearance before its next review.",
    ),
    Pledge(
        "social-protection",
        "11",
        "Valdoria commits to extending the universal child allowance to all children under 6 years of age by 2026.",
    ),
    Pledge(
        "vaw-response",
        "12",
        "Valdoria commits to doubling the number of shelters for women victims of violence, with at least one in each region, by 2027.",
    ),
)

# Implementation status ------------------------------------------------------------------------------

# Weights of each status, by what was recommended and how long ago; each recommendation draws its own
# status from these with a stable hash, so that the data set is the same on every run.
STATUS_MIX: dict[str, tuple[tuple[str, int], ...]] = {
    "upr-3": (
        ("implemented", 20),
        ("partially_implemented", 30),
        ("in_progress", 30),
        ("not_started", 8),
        ("no_information", 12),
    ),
    "upr-4": (
        ("implemented", 6),
        ("partially_implemented", 18),
        ("in_progress", 42),
        ("not_started", 18),
        ("no_information", 16),
    ),
    "noted": (("no_information", 45), ("not_started", 40), ("in_progress", 10), ("not_applicable", 5)),
    "treaty": (
        ("implemented", 8),
        ("partially_implemented", 22),
        ("in_progress", 38),
        ("not_started", 17),
        ("no_information", 15),
    ),
    "pledge": (("in_progress", 60), ("implemented", 20), ("not_started", 20)),
}
# Status dates fall between the document date plus this many days and STATUS_DATE_LATEST.
STATUS_DATE_DELAY_DAYS = 120
STATUS_DATE_LATEST = date(2025, 6, 30)
# How many recommendations the secretariat has withheld from the public tracker (drawn by hash).
WITHHELD = 8

# Demo users (DESIGN.md) ----------------------------------------------------------------------------

USERS: tuple[UserSpec, ...] = (
    UserSpec("admin", "Tomás", "Ferreira", "Administrator", staff=True, superuser=True),
    UserSpec("secretariat", "Lucía", "Marín", "Secretariat"),
    UserSpec(
        "focal",
        "Daniel",
        "Okoro",
        "Focal point",
        institution="MOJ",
        title="Director of International Legal Cooperation",
        start=date(2023, 1, 1),
    ),
    UserSpec(
        "focal_deputy",
        "Mira",
        "Halvorsen",
        "Focal point",
        institution="MOJ",
        focal_role="deputy",
        title="Senior Legal Adviser, Human Rights Unit",
        start=date(2023, 1, 1),
    ),
    UserSpec(
        "focal2",
        "Samira",
        "Haddad",
        "Focal point",
        institution="MOH",
        title="Head of the Health and Human Rights Unit",
        start=date(2023, 1, 1),
    ),
    UserSpec("consultative", "Jonas", "Lindqvist", "Consultative member"),
)
EMAIL_DOMAIN = "example.org"

# Follow-up: reporting calendar, actions, indicators and progress updates (issue 4) -------------------
# Dates are days from the day the demo is loaded, so that something is always due and overdue: a first
# `manage.py send_reminders` on a fresh demo sends reminders, and an immediate second run sends none.

FOLLOWUP_AUDIT_ACTION = "load_demo_followup"


@dataclass(frozen=True)
class DeadlineSpec:
    title: Tr
    due_in: int  # the report is due this many days from today
    updates_in: int  # progress updates are due this many days from today (negative: already passed)
    mechanism: str = ""
    clusters: tuple[str, ...] = ()
    notes: str = ""


# Applied in this order: a later deadline wins for the recommendations two of them concern.
DEADLINES: tuple[DeadlineSpec, ...] = (
    DeadlineSpec(
        Tr(
            en="UPR mid-term report (fourth cycle)",
            fr="Rapport à mi-parcours de l'EPU (quatrième cycle)",
            es="Informe de mitad de período del EPU (cuarto ciclo)",
            ar="تقرير منتصف المدة للاستعراض الدوري الشامل (الجولة الرابعة)",
        ),
        due_in=75,
        updates_in=-21,
        clusters=("detention", "health"),
        notes="Voluntary mid-term report; the ministries' updates were due three weeks ago.",
    ),
    DeadlineSpec(
        Tr(
            en="CEDAW follow-up report",
            fr="Rapport de suivi au CEDAW",
            es="Informe de seguimiento al CEDAW",
            ar="تقرير المتابعة إلى لجنة القضاء على التمييز ضد المرأة",
        ),
        due_in=25,
        updates_in=2,
        mechanism="CEDAW",
        notes="Information on the four recommendations selected for follow-up.",
    ),
    DeadlineSpec(
        Tr(
            en="CAT follow-up information",
            fr="Informations de suivi au Comité contre la torture",
            es="Información de seguimiento al Comité contra la Tortura",
            ar="معلومات المتابعة إلى لجنة مناهضة التعذيب",
        ),
        due_in=40,
        updates_in=10,
        mechanism="CAT",
    ),
)


@dataclass(frozen=True)
class ActionSpec:
    key: str
    title: Tr
    description: str
    cluster: str
    lead: str
    support: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    status: str = "not_started"
    budget_line: str = ""
    update_in: int | None = None  # update deadline, in days from today


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "pretrial",
        Tr(
            en="Amend the Code of Criminal Procedure to limit pre-trial detention",
            fr="Modifier le Code de procédure pénale pour limiter la détention provisoire",
            es="Reformar el Código Procesal Penal para limitar la prisión preventiva",
        ),
        "Draft, consult on and submit to Parliament an amendment capping pre-trial detention at six months "
        "for offences punishable by less than five years, with periodic judicial review.",
        cluster="detention",
        lead="MOJ",
        support=("OAG", "PARL"),
        start=date(2025, 1, 1),
        end=date(2027, 6, 30),
        status="in_progress",
        budget_line="Programme 12.3 – Justice sector reform",
        update_in=5,
    ),
    ActionSpec(
        "mandela",
        Tr(
            en="Train prison staff on the Nelson Mandela Rules",
            fr="Former le personnel pénitentiaire aux Règles Nelson Mandela",
            es="Capacitar al personal penitenciario en las Reglas Nelson Mandela",
        ),
        "Two-day modules for every prison director and 600 officers, with the NHRI and the ICRC.",
        cluster="detention",
        lead="MOJ",
        support=("SPN", "NHRC"),
        start=date(2026, 3, 1),
        end=date(2027, 12, 31),
        budget_line="Programme 12.5 – Penitentiary system",
    ),
    ActionSpec(
        "srh",
        Tr(
            en="National strategy on sexual and reproductive health 2026–2030",
            fr="Stratégie nationale de santé sexuelle et reproductive 2026-2030",
            es="Estrategia nacional de salud sexual y reproductiva 2026-2030",
        ),
        "Adopt and fund the strategy, with targets on maternal mortality and adolescent pregnancy.",
        cluster="health",
        lead="MOH",
        support=("MWGE", "MOE"),
        start=date(2025, 9, 1),
        end=date(2030, 12, 31),
        status="in_progress",
        budget_line="Programme 21.1 – Maternal and child health",
        update_in=-3,
    ),
)


@dataclass(frozen=True)
class IndicatorSpec:
    name: Tr
    unit: str
    baseline: str
    baseline_date: date
    target: str
    target_date: date
    sdg: str
    actions: tuple[str, ...]
    recommendations_matching: str  # English text the linked recommendations contain
    values: tuple[tuple[date, str, str], ...]  # (date, value, sex)


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        Tr(
            en="Pre-trial detainees in the prison population",
            fr="Personnes en détention provisoire dans la population carcérale",
            es="Personas en prisión preventiva en la población penitenciaria",
        ),
        unit="%",
        baseline="41.0",
        baseline_date=date(2023, 12, 31),
        target="25.0",
        target_date=date(2028, 12, 31),
        sdg="16.3.2",
        actions=("pretrial",),
        recommendations_matching="pre-trial detention",
        values=(
            (date(2023, 12, 31), "41.0", ""),
            (date(2024, 12, 31), "37.5", ""),
            (date(2025, 12, 31), "33.8", ""),
            (date(2025, 12, 31), "12.0", "female"),
            (date(2025, 12, 31), "35.1", "male"),
        ),
    ),
    IndicatorSpec(
        Tr(
            en="Maternal mortality ratio",
            fr="Taux de mortalité maternelle",
            es="Razón de mortalidad materna",
        ),
        unit="per 100,000 live births",
        baseline="68",
        baseline_date=date(2022, 12, 31),
        target="40",
        target_date=date(2030, 12, 31),
        sdg="3.1.1",
        actions=("srh",),
        recommendations_matching="maternal",
        values=(
            (date(2022, 12, 31), "68", ""),
            (date(2023, 12, 31), "63", ""),
            (date(2024, 12, 31), "59", ""),
        ),
    ),
)


@dataclass(frozen=True)
class UpdateSpec:
    """A progress update by a demo user: on the first recommendation its institution leads in
    `cluster` (skipping `skip` of them), or on an action."""

    author: str
    state: str
    narrative: str
    proposed_status: str
    days_ago: int  # written (and submitted) this many days ago
    cluster: str = ""
    skip: int = 0
    action: str = ""
    reviewed_days_ago: int | None = None
    comment: str = ""
    links: tuple[str, ...] = ()


UPDATES: tuple[UpdateSpec, ...] = (
    UpdateSpec(
        "focal",
        "submitted",
        "The Ministry of Justice has drafted the amendment on pre-trial detention and held two public "
        "consultations.\n\n- 14 organisations and the NHRI commented\n- the Council of Ministers approved "
        "the bill on the 3rd of this month\n- it goes to Parliament next session",
        "in_progress",
        days_ago=3,
        cluster="detention",
        links=("https://justice.example.gov/consultation/pretrial-detention",),
    ),
    UpdateSpec(
        "focal2",
        "returned",
        "The Ministry of Health continued to expand maternal health services in rural districts.",
        "partially_implemented",
        days_ago=6,
        cluster="health",
        reviewed_days_ago=2,
        comment="Please add the 2025 figures from the Health Information System and attach the strategy.",
    ),
    UpdateSpec(
        "focal",
        "validated",
        "Legal aid offices now operate in all twelve provinces; 9,400 people were assisted in 2025.",
        "",  # the recommendation's own status: validation confirms it
        days_ago=40,
        cluster="detention",
        skip=1,
        reviewed_days_ago=35,
        comment="Thank you: validated for the mid-term report.",
    ),
    UpdateSpec(
        "focal_deputy",
        "draft",
        "First module held in the central prison for 45 officers.",
        "in_progress",
        days_ago=1,
        action="mandela",
    ),
)
