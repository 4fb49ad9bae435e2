"""Word lists and name builders: companies, people, titles, comments."""

from __future__ import annotations

import numpy as np

# fmt: off
COMPANY_FIRST = (
    "Northwind", "Blue Harbor", "Silver Oak", "Redwood", "Summit", "Brightline",
    "Ironbridge", "Clearwater", "Granite", "Evergreen", "Lakeside", "Pioneer", "Atlas",
    "Beacon", "Crescent", "Falcon", "Harbor Point", "Keystone", "Meridian", "Nimbus",
    "Orion", "Pinnacle", "Quarry", "Riverbend", "Sterling", "Trailhead", "Vanguard",
    "Westfield", "Apex", "Bluebird", "Cedar", "Driftwood", "Elm Street", "Foxglove",
    "Golden Gate", "Highland", "Juniper", "Kestrel", "Lighthouse", "Maple", "Northstar",
    "Oakridge", "Polaris", "Ridgeway", "Sandstone", "Tidewater", "Upland", "Vertex",
    "Willow", "Zenith", "Copperfield", "Stonegate", "Brookline", "Fairview",
    "Hawthorne", "Larkspur", "Marlow", "Ashford", "Bellwether", "Cobalt",
)
COMPANY_SECOND = (
    "Logistics", "Health", "Analytics", "Foods", "Capital", "Energy", "Retail",
    "Software", "Manufacturing", "Labs", "Media", "Mobility", "Insurance", "Partners",
    "Systems", "Pharma", "Freight", "Hospitality", "Robotics", "Solar", "Textiles",
    "Telecom", "Outdoor", "Learning", "Dental", "Biotech", "Home", "Packaging",
    "Aerospace", "Consulting", "Marine", "Security", "Data", "Clinics", "Brewing",
    "Motors", "Water", "Networks", "Design", "Supply",
)
LEGAL_FORMS = (
    "Inc.", "LLC", "Ltd", "GmbH", "Group", "SA", "Co.", "AG", "BV", "Corp.",
)
CHINESE_CITY = (
    "上海", "北京", "深圳", "杭州", "广州", "成都", "苏州", "南京",
)
CHINESE_CORE = (
    "星辰", "华信", "云海", "汇通", "博远", "恒泰", "中科", "锦程", "瑞丰", "天成",
)
CHINESE_TRADE = (
    "科技", "物流", "医疗", "咨询", "制造", "软件", "贸易",
)
FIRST_NAMES = (
    "Alice", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines",
    "James", "Kavya", "Liam", "Maria", "Noah", "Olga", "Pedro", "Quinn", "Rosa",
    "Samir", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Anna", "Bruno",
    "Chloe", "Daniel", "Emma", "Felix", "Hannah", "Ivan", "Julia", "Kenji", "Lucas",
    "Mei", "Nadia", "Oscar",
)
LAST_NAMES = (
    "Smith", "Garcia", "Müller", "Chen", "Okafor", "Rossi", "Dubois", "Tanaka",
    "Kowalski", "Silva", "Johansson", "Novak", "Patel", "Kim", "Haddad", "Larsen",
    "Fischer", "Moreau", "Nguyen", "Brown", "Costa", "Ivanova", "Wang", "Murphy",
    "Schmidt", "Alvarez", "Cohen", "Baker", "Li", "Jensen",
)
CHINESE_PEOPLE = (
    "王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强",
)
OWNERS = (
    "Sarah Mitchell", "Daniel Okoye", "Priya Raman", "Marco Bianchi", "Lena Hoffmann",
    "Zhang Wei", "Carlos Mendoza", "Emily Carter",
)
STAFF = (
    "Tom Becker", "Aisha Khan", "Jonas Weber", "Sofia Lindqvist", "Ravi Iyer",
    "Chloé Martin", "Mateo Ruiz", "Hannah Lee", "Omar Farouk", "Lucy Zhang",
    "Peter Novak", "Grace Liu",
)
ACTION_VERBS = (
    "Send", "Review", "Update", "Share", "Prepare", "Confirm", "Schedule", "Fix",
    "Draft", "Escalate",
)
ACTION_OBJECTS = (
    "the QBR deck", "the renewal proposal", "usage report", "SLA figures",
    "the integration plan", "training materials", "the support backlog",
    "invoice corrections", "the data export", "the rollout timeline",
    "security questionnaire", "the roadmap summary",
)
PROJECT_KINDS = (
    "CRM migration", "Data platform rollout", "Onboarding programme",
    "Integration phase", "Analytics workshop series", "Security review",
    "Mobile app launch", "Process automation", "Cloud migration", "Training rollout",
)
MILESTONES = (
    "Kick-off", "Design sign-off", "Build complete", "UAT", "Go-live", "Handover",
)
POSITIVE = (
    "Great support from the team.", "Very responsive account manager.",
    "The new reports save us hours.", "Smooth rollout, thank you.",
    "服务很好，响应及时。",
)
NEUTRAL = (
    "Fine overall.", "Meetings could be shorter.", "OK, some delays.",
)
NEGATIVE = (
    "Action items keep slipping.", "Meetings always run over.",
    "Too expensive after the price increase.", "We wait too long for answers.",
    "交付延迟太多。",
)
# fmt: on


def company_names(
    rng: np.random.Generator, count: int, chinese: np.ndarray
) -> list[str]:
    """Distinct-looking company names; Simplified Chinese ones where `chinese`."""
    western = len(COMPANY_FIRST) * len(COMPANY_SECOND) * len(LEGAL_FORMS)
    picks = rng.choice(western, size=count, replace=count > western)
    han = len(CHINESE_CITY) * len(CHINESE_CORE) * len(CHINESE_TRADE)
    han_picks = rng.choice(han, size=count, replace=count > han)
    names = []
    pairs = zip(picks.tolist(), han_picks.tolist(), chinese.tolist(), strict=True)
    for pick, han_pick, is_chinese in pairs:
        if is_chinese:
            city, rest = divmod(han_pick, len(CHINESE_CORE) * len(CHINESE_TRADE))
            core, trade = divmod(rest, len(CHINESE_TRADE))
            names.append(CHINESE_CITY[city] + CHINESE_CORE[core] + CHINESE_TRADE[trade])
        else:
            first, rest = divmod(pick, len(COMPANY_SECOND) * len(LEGAL_FORMS))
            second, form = divmod(rest, len(LEGAL_FORMS))
            names.append(
                f"{COMPANY_FIRST[first]} {COMPANY_SECOND[second]} {LEGAL_FORMS[form]}"
            )
    return names


def contact_names(
    rng: np.random.Generator, clients: int, per_client: int, chinese: np.ndarray
) -> np.ndarray:
    """A (clients x per_client) array of distinct contact names per client."""
    first = rng.integers(0, len(FIRST_NAMES), size=(clients, 1))
    first = (first + np.arange(per_client)) % len(FIRST_NAMES)
    last = rng.integers(0, len(LAST_NAMES), size=(clients, per_client))
    people = np.array(
        [f"{f} {s}" for f in FIRST_NAMES for s in LAST_NAMES], dtype=object
    )
    names = people[first * len(LAST_NAMES) + last]
    if chinese.any():
        han = np.array(CHINESE_PEOPLE, dtype=object)
        offset = rng.integers(0, len(han), size=(clients, 1))
        han_names = han[(offset + np.arange(per_client)) % len(han)]
        names = np.where(chinese[:, None], han_names, names)
    return names
