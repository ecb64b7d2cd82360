"""Word lists for the demo pool: names, places, jobs, companies, notes. Plain data, no logic."""

# --- People ------------------------------------------------------------------------------------
FR_FIRST_F = [
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Laura", "Marie", "Claire", "Anaïs",
    "Pauline", "Élodie", "Mathilde", "Charlotte", "Lucie", "Margaux", "Océane", "Justine", "Céline", "Sophie",
    "Nathalie", "Isabelle", "Sandrine", "Valérie", "Aurélie", "Hélène", "Amandine", "Caroline", "Émilie",
    "Louise", "Juliette", "Zoé", "Agathe", "Noémie", "Solène", "Clémence", "Maëlle", "Gaëlle", "Delphine",
    "Virginie", "Christelle", "Morgane", "Laëtitia", "Bérénice", "Coralie", "Estelle", "Ophélie", "Romane",
]
FR_FIRST_M = [
    "Thomas", "Nicolas", "Julien", "Maxime", "Alexandre", "Antoine", "Kevin", "Romain", "Guillaume", "Pierre",
    "Mathieu", "Sébastien", "Benjamin", "Florian", "Adrien", "Hugo", "Lucas", "Théo", "Louis", "Paul",
    "Quentin", "Clément", "Jérôme", "Stéphane", "Christophe", "Olivier", "Frédéric", "Laurent", "David",
    "Vincent", "Arnaud", "Cédric", "Damien", "Jérémy", "Loïc", "Yannick", "Grégoire", "Étienne", "Baptiste",
    "Victor", "Raphaël", "Gaël", "Hervé", "Thierry", "Fabien", "Anthony", "Benoît", "Mickaël", "Bastien",
]
FR_LAST = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
    "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
    "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
    "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
    "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour",
    "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez",
    "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois",
    "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis", "Olivier",
    "Le Gall", "Le Goff", "Kerbrat", "Le Bihan", "Etcheverry", "Carpentier", "Hoarau", "Payet", "Deschamps",
]
# (first names, last names, weight): the diversity of a French recruiter's real pool.
INTL_GROUPS = [
    (["Mohamed", "Karim", "Yassine", "Mehdi", "Sofiane", "Nadia", "Yasmine", "Samira", "Leïla", "Rachid",
      "Amine", "Fatima", "Sonia", "Bilal", "Hakim", "Nour"],
     ["Benali", "Haddad", "Mansouri", "Bouzid", "Cherif", "Amrani", "Belkacem", "Saïdi", "Khelifi", "El Idrissi",
      "Benchekroun", "Ouali", "Hamidi", "Brahimi"], 10),
    (["João", "Ana", "Pedro", "Inês", "Tiago", "Beatriz", "Rui", "Mariana", "Carlos", "Sofia"],
     ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Almeida", "Carvalho", "Sousa"], 5),
    (["Aminata", "Moussa", "Fatou", "Ibrahima", "Awa", "Mamadou", "Aïssatou", "Ousmane", "Mariam", "Koffi"],
     ["Diallo", "Traoré", "Koné", "Diop", "Ndiaye", "Camara", "Cissé", "Touré", "Kouassi", "Sow"], 6),
    (["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Elena", "Matteo"],
     ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"], 3),
    (["Lucía", "Javier", "Carmen", "Alejandro", "Marta", "Pablo", "Elena", "Diego"],
     ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Romero"], 3),
    (["Anna", "Piotr", "Katarzyna", "Tomasz", "Agnieszka", "Marek", "Ewa"],
     ["Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zielińska"], 2),
    (["Minh", "Linh", "Thi Mai", "Duc", "Quang", "Thu"], ["Nguyen", "Tran", "Pham", "Le", "Hoang", "Vu"], 2),
    (["Wei", "Mei", "Jun", "Xiaoling"], ["Wang", "Chen", "Zhang", "Liu"], 1),
    (["Hiroshi", "Yuki", "Kenji"], ["Tanaka", "Sato", "Suzuki"], 1),
    (["Priya", "Arjun", "Ravi", "Ananya"], ["Sharma", "Patel", "Iyer", "Gupta"], 1),
]
# Which of the international first names above are women's, so that French job titles agree.
INTL_FEMALE = {
    "Nadia", "Yasmine", "Samira", "Leïla", "Fatima", "Sonia", "Nour", "Ana", "Inês", "Beatriz", "Mariana", "Sofia",
    "Aminata", "Fatou", "Awa", "Aïssatou", "Mariam", "Giulia", "Francesca", "Chiara", "Elena", "Lucía", "Carmen",
    "Marta", "Anna", "Katarzyna", "Agnieszka", "Ewa", "Linh", "Thi Mai", "Thu", "Mei", "Xiaoling", "Yuki", "Priya",
    "Ananya",
}
EN_FIRST = [
    "Oliver", "Emily", "James", "Charlotte", "Harry", "Sophie", "George", "Amelia", "Jack", "Olivia", "Daniel",
    "Hannah", "Samuel", "Grace", "Thomas", "Chloe", "William", "Jessica", "Ethan", "Megan", "Liam", "Emma",
    "Noah", "Ava", "Benjamin", "Abigail", "Ryan", "Rebecca", "Matthew", "Lauren", "Aisha", "Kwame", "Connor",
]
EN_LAST = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel",
    "Khan", "Murphy", "O'Brien", "Campbell", "Stewart", "MacDonald", "Tremblay", "Gagnon", "Roy", "Côté",
    "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
]
# Demo addresses use the reserved ``.example`` top-level domain (RFC 2606): even if someone plugs a real
# mailbox into the demo team, no message can reach a real person.
PERSONAL_DOMAINS = [
    ("gmail.example", 40), ("hotmail.example", 10), ("outlook.example", 10), ("yahoo.example", 6),
    ("orange.example", 7), ("free.example", 5), ("laposte.example", 4), ("sfr.example", 3), ("icloud.example", 4),
    ("proton.example", 2), ("wanadoo.example", 3),
]

# --- Places ------------------------------------------------------------------------------------
# (city as written by recruiters, country, time zone, phone prefix, salary currency, weight)
CITIES = [
    ("Paris", "FR", "Europe/Paris", "+33", "EUR", 220),
    ("Lyon", "FR", "Europe/Paris", "+33", "EUR", 70),
    ("Marseille", "FR", "Europe/Paris", "+33", "EUR", 40),
    ("Toulouse", "FR", "Europe/Paris", "+33", "EUR", 45),
    ("Nantes", "FR", "Europe/Paris", "+33", "EUR", 40),
    ("Bordeaux", "FR", "Europe/Paris", "+33", "EUR", 40),
    ("Lille", "FR", "Europe/Paris", "+33", "EUR", 35),
    ("Rennes", "FR", "Europe/Paris", "+33", "EUR", 28),
    ("Strasbourg", "FR", "Europe/Paris", "+33", "EUR", 22),
    ("Montpellier", "FR", "Europe/Paris", "+33", "EUR", 22),
    ("Nice", "FR", "Europe/Paris", "+33", "EUR", 15),
    ("Grenoble", "FR", "Europe/Paris", "+33", "EUR", 18),
    ("Rouen", "FR", "Europe/Paris", "+33", "EUR", 12),
    ("Tours", "FR", "Europe/Paris", "+33", "EUR", 10),
    ("Dijon", "FR", "Europe/Paris", "+33", "EUR", 8),
    ("Clermont-Ferrand", "FR", "Europe/Paris", "+33", "EUR", 9),
    ("Le Havre", "FR", "Europe/Paris", "+33", "EUR", 8),
    ("Reims", "FR", "Europe/Paris", "+33", "EUR", 7),
    ("Angers", "FR", "Europe/Paris", "+33", "EUR", 8),
    ("Orléans", "FR", "Europe/Paris", "+33", "EUR", 9),
    ("Metz", "FR", "Europe/Paris", "+33", "EUR", 6),
    ("Saint-Étienne", "FR", "Europe/Paris", "+33", "EUR", 6),
    ("Brest", "FR", "Europe/Paris", "+33", "EUR", 5),
    ("Nancy", "FR", "Europe/Paris", "+33", "EUR", 6),
    ("Le Mans", "FR", "Europe/Paris", "+33", "EUR", 5),
    ("Valence", "FR", "Europe/Paris", "+33", "EUR", 4),
    ("Saint-Denis", "RE", "Indian/Reunion", "+262", "EUR", 3),
    ("Brussels", "BE", "Europe/Brussels", "+32", "EUR", 14),
    ("Geneva", "CH", "Europe/Zurich", "+41", "CHF", 9),
    ("London", "GB", "Europe/London", "+44", "GBP", 18),
    ("Montréal", "CA", "America/Toronto", "+1", "CAD", 12),
    ("Lisbon", "PT", "Europe/Lisbon", "+351", "EUR", 7),
]
# Places where English is the usual language of messages (the rest mostly get French).
ENGLISH_CITIES = {"London"}
MIXED_CITIES = {"Montréal", "Brussels", "Geneva", "Lisbon"}

# --- Jobs ----------------------------------------------------------------------------------------
# family key -> label (tag), titles (French masculine, French feminine, English), skills, companies, yearly salary range in k (EUR),
# remote weights (onsite, hybrid, remote), contract weights, weight in the pool.
FAMILIES = {
    "dev": {
        "label": "Software development",
        "titles": [("Développeur backend Python", "Développeuse backend Python", "Backend Developer (Python)"),
                   ("Développeur full-stack", "Développeuse full-stack", "Full-stack Developer"),
                   ("Développeur front-end React", "Développeuse front-end React", "Front-end Developer (React)"),
                   ("Ingénieur logiciel Java", "Ingénieure logiciel Java", "Java Software Engineer"),
                   ("Développeur PHP Symfony", "Développeuse PHP Symfony", "PHP Symfony Developer"),
                   ("Développeur mobile", "Développeuse mobile", "Mobile Developer"),
                   ("Lead développeur", "Lead développeuse", "Lead Developer"),
                   ("Architecte logiciel", "Architecte logiciel", "Software Architect")],
        "skills": ["Python", "Django", "FastAPI", "Java", "Spring Boot", "Kotlin", "JavaScript", "TypeScript",
                   "React", "Vue.js", "Angular", "Node.js", "PHP", "Symfony", "Go", "Rust", "SQL", "PostgreSQL",
                   "Git", "Swift", "Flutter", "C#", ".NET", "GraphQL", "tests automatisés"],
        "companies": ["Doctolib", "Qonto", "Alan", "BlaBlaCar", "Back Market", "OVHcloud", "Capgemini",
                      "Sopra Steria", "Ubisoft", "Dassault Systèmes", "Lucca", "PayFit", "Malt", "Swile",
                      "Deezer", "ManoMano", "Criteo", "Contentsquare", "Octo Technology", "Theodo",
                      "Zenika", "Worldline", "Orange Business", "SNCF Connect & Tech", "Leboncoin"],
        "salary": (38, 75), "remote": (2, 6, 4), "contracts": {"permanent": 8, "freelance": 3},
        "weight": 16,
    },
    "data": {
        "label": "Data",
        "titles": [("Data analyst", "Data analyst", "Data Analyst"), ("Data engineer", "Data engineer", "Data Engineer"),
                   ("Data scientist", "Data scientist", "Data Scientist"),
                   ("Analytics engineer", "Analytics engineer", "Analytics Engineer"),
                   ("Ingénieur machine learning", "Ingénieure machine learning", "Machine Learning Engineer"),
                   ("Consultant BI", "Consultante BI", "BI Consultant")],
        "skills": ["SQL", "Python", "dbt", "Airflow", "Spark", "Snowflake", "BigQuery", "Power BI", "Tableau",
                   "Looker", "pandas", "scikit-learn", "PyTorch", "machine learning", "statistiques", "Databricks"],
        "companies": ["Dataiku", "Criteo", "Contentsquare", "Mirakl", "Decathlon Digital", "Carrefour",
                      "L'Oréal", "AXA", "BNP Paribas", "Société Générale", "Ekimetrics", "Artefact", "Veepee"],
        "salary": (40, 78), "remote": (2, 6, 3), "contracts": {"permanent": 8, "freelance": 2},
        "weight": 7,
    },
    "devops": {
        "label": "DevOps and infrastructure",
        "titles": [("Ingénieur DevOps", "Ingénieure DevOps", "DevOps Engineer"),
                   ("Ingénieur SRE", "Ingénieure SRE", "Site Reliability Engineer"),
                   ("Administrateur systèmes Linux", "Administratrice systèmes Linux", "Linux Systems Administrator"),
                   ("Ingénieur cloud AWS", "Ingénieure cloud AWS", "AWS Cloud Engineer"),
                   ("Ingénieur réseau", "Ingénieure réseau", "Network Engineer")],
        "skills": ["Kubernetes", "Docker", "Terraform", "Ansible", "AWS", "Azure", "GCP", "Linux", "CI/CD",
                   "GitLab CI", "Prometheus", "Grafana", "Bash", "réseau", "sécurité", "Helm"],
        "companies": ["OVHcloud", "Scaleway", "Clever Cloud", "Thales", "Atos", "Orange", "Free Pro",
                      "Accenture", "Michelin", "Airbus", "Société Générale", "Ledger"],
        "salary": (42, 80), "remote": (2, 5, 4), "contracts": {"permanent": 7, "freelance": 4},
        "weight": 5,
    },
    "product": {
        "label": "Product and design",
        "titles": [("Product manager", "Product manager", "Product Manager"),
                   ("Product owner", "Product owner", "Product Owner"), ("UX designer", "UX designer", "UX Designer"),
                   ("Product designer", "Product designer", "Product Designer"),
                   ("Head of product", "Head of product", "Head of Product")],
        "skills": ["discovery", "roadmap", "Scrum", "Jira", "Figma", "tests utilisateurs", "analytics", "SQL",
                   "OKR", "design system", "Amplitude", "priorisation"],
        "companies": ["Doctolib", "Qonto", "Alan", "Back Market", "Leboncoin", "Vinted", "Spendesk",
                      "Welcome to the Jungle", "Ornikar", "Libon", "Meero", "Pennylane"],
        "salary": (45, 85), "remote": (2, 6, 2), "contracts": {"permanent": 9, "freelance": 2},
        "weight": 4,
    },
    "nursing": {
        "label": "Nursing and care",
        "titles": [("Infirmier diplômé d'État", "Infirmière diplômée d'État", "Registered Nurse"),
                   ("Infirmier de bloc opératoire (IBODE)", "Infirmière de bloc opératoire (IBODE)", "Theatre Nurse"),
                   ("Infirmier en réanimation", "Infirmière en réanimation", "ICU Nurse"),
                   ("Aide-soignant", "Aide-soignante", "Care Assistant"),
                   ("Infirmier de nuit", "Infirmière de nuit", "Night Nurse"),
                   ("Cadre de santé", "Cadre de santé", "Nurse Manager"),
                   ("Infirmier puériculteur", "Infirmière puéricultrice", "Paediatric Nurse")],
        "skills": ["soins intensifs", "réanimation", "urgences", "gériatrie", "pédiatrie", "bloc opératoire",
                   "dialyse", "soins palliatifs", "chimiothérapie", "psychiatrie", "AFGSU 2", "plaies et cicatrisation"],
        "companies": ["AP-HP", "Hospices Civils de Lyon", "CHU de Bordeaux", "CHU de Nantes", "CHU de Lille",
                      "Ramsay Santé", "Elsan", "Clinique du Parc", "Korian", "Groupe Hospitalier Paris Saint-Joseph",
                      "Centre Léon Bérard", "EHPAD Les Tilleuls", "Hôpital Foch", "Vivalto Santé"],
        "salary": (28, 42), "remote": (10, 0, 0), "contracts": {"permanent": 6, "fixed_term": 3, "interim": 3},
        "weight": 12,
    },
    "technician": {
        "label": "Maintenance and technicians",
        "titles": [("Technicien de maintenance industrielle", "Technicienne de maintenance industrielle",
                    "Industrial Maintenance Technician"),
                   ("Électrotechnicien", "Électrotechnicienne", "Electrical Technician"),
                   ("Technicien CVC", "Technicienne CVC", "HVAC Technician"),
                   ("Technicien support informatique", "Technicienne support informatique", "IT Support Technician"),
                   ("Automaticien", "Automaticienne", "Automation Technician"),
                   ("Technicien de laboratoire", "Technicienne de laboratoire", "Lab Technician")],
        "skills": ["habilitation électrique B1V/BR", "GMAO", "automatismes", "Siemens S7", "hydraulique",
                   "pneumatique", "CVC", "soudure", "lecture de plans", "maintenance préventive", "Windows",
                   "Active Directory", "ITIL"],
        "companies": ["Schneider Electric", "Michelin", "Safran", "Valeo", "Stellantis", "Renault", "Danone",
                      "Engie Solutions", "Dalkia", "Veolia", "Vinci Energies", "Spie", "Legrand", "Arkema"],
        "salary": (26, 45), "remote": (9, 1, 0), "contracts": {"permanent": 6, "interim": 3, "fixed_term": 2,
                                                                "apprenticeship": 1},
        "weight": 10,
    },
    "sales": {
        "label": "Sales",
        "titles": [("Commercial B2B", "Commerciale B2B", "B2B Sales Representative"),
                   ("Business developer", "Business developer", "Business Developer"),
                   ("Account executive", "Account executive", "Account Executive"),
                   ("Technico-commercial", "Technico-commerciale", "Technical Sales Engineer"),
                   ("Responsable grands comptes", "Responsable grands comptes", "Key Account Manager"),
                   ("Business developer junior (SDR)", "Business developer junior (SDR)",
                    "Sales Development Representative")],
        "skills": ["prospection", "négociation", "Salesforce", "HubSpot", "grands comptes", "SaaS",
                   "closing", "cycle de vente long", "salons professionnels", "CRM", "anglais commercial"],
        "companies": ["Salesforce", "Sage", "Cegid", "Orange Business", "Manutan", "Rexel", "Würth", "Bureau Veritas",
                      "Adecco", "Yousign", "Agicap", "Pennylane", "Lyreco", "Metro"],
        "salary": (32, 70), "remote": (3, 6, 1), "contracts": {"permanent": 9, "fixed_term": 1},
        "weight": 10,
    },
    "logistics": {
        "label": "Logistics and warehouse",
        "titles": [("Cariste", "Cariste", "Forklift Operator"),
                   ("Préparateur de commandes", "Préparatrice de commandes", "Order Picker"),
                   ("Chef d'équipe logistique", "Cheffe d'équipe logistique", "Warehouse Team Leader"),
                   ("Responsable d'entrepôt", "Responsable d'entrepôt", "Warehouse Manager"),
                   ("Agent de quai", "Agente de quai", "Dock Operative"), ("Magasinier", "Magasinière", "Storekeeper"),
                   ("Gestionnaire des approvisionnements", "Gestionnaire des approvisionnements", "Supply Planner")],
        "skills": ["CACES R489 cat. 1", "CACES R489 cat. 3", "CACES R489 cat. 5", "WMS", "SAP", "gestion des stocks",
                   "préparation vocale", "inventaire", "réception", "expédition", "management d'équipe", "Excel"],
        "companies": ["Amazon", "Geodis", "XPO Logistics", "FM Logistic", "Kuehne+Nagel", "ID Logistics",
                      "DHL Supply Chain", "Cdiscount", "Carrefour Supply Chain", "Leclerc Scapest", "Intermarché",
                      "Decathlon", "La Poste"],
        "salary": (22, 40), "remote": (10, 0, 0), "contracts": {"interim": 5, "permanent": 5, "fixed_term": 3},
        "weight": 12,
    },
    "accounting": {
        "label": "Accounting and finance",
        "titles": [("Comptable", "Comptable", "Accountant"),
                   ("Comptable fournisseurs", "Comptable fournisseurs", "Accounts Payable Accountant"),
                   ("Contrôleur de gestion", "Contrôleuse de gestion", "Management Controller"),
                   ("Assistant comptable", "Assistante comptable", "Accounting Assistant"),
                   ("Responsable comptable", "Responsable comptable", "Head of Accounting"),
                   ("Auditeur financier", "Auditrice financière", "Financial Auditor")],
        "skills": ["Sage", "Cegid", "SAP FI", "clôture mensuelle", "fiscalité", "consolidation", "Excel", "IFRS",
                   "rapprochements bancaires", "TVA", "reporting", "Pennylane"],
        "companies": ["KPMG", "Deloitte", "EY", "PwC", "Mazars", "In Extenso", "Fiducial", "BNP Paribas",
                      "Crédit Agricole", "Bouygues", "Saint-Gobain", "Leroy Merlin", "Pernod Ricard"],
        "salary": (30, 65), "remote": (4, 6, 1), "contracts": {"permanent": 8, "fixed_term": 2, "interim": 1},
        "weight": 9,
    },
    "hr": {
        "label": "Human resources",
        "titles": [("Chargé de recrutement", "Chargée de recrutement", "Recruiter"),
                   ("HR business partner", "HR business partner", "HR Business Partner"),
                   ("Gestionnaire de paie", "Gestionnaire de paie", "Payroll Officer"),
                   ("Responsable RH", "Responsable RH", "HR Manager"),
                   ("Chargé de développement RH", "Chargée de développement RH", "HR Development Officer"),
                   ("Talent acquisition manager", "Talent acquisition manager", "Talent Acquisition Manager")],
        "skills": ["recrutement", "sourcing", "paie", "SIRH", "droit social", "onboarding", "GPEC",
                   "relations sociales", "marque employeur", "entretiens annuels", "Silae", "Workday"],
        "companies": ["Adecco", "Randstad", "Manpower", "Michael Page", "Hays", "Sodexo", "Accor",
                      "Decathlon", "L'Oréal", "Orange", "Safran", "Groupe SEB"],
        "salary": (32, 68), "remote": (3, 6, 1), "contracts": {"permanent": 8, "fixed_term": 2},
        "weight": 7,
    },
}

# A finer job family for some titles, tagged beside the family (a backend developer is found by
# ``job:"software development"`` and by ``job:backend``, as recruiters write both). Keyed by the English title.
SPECIALTIES = {
    "Backend Developer (Python)": "Backend", "Java Software Engineer": "Backend", "PHP Symfony Developer": "Backend",
    "Full-stack Developer": "Full-stack", "Front-end Developer (React)": "Front-end", "Mobile Developer": "Mobile",
    "Data Engineer": "Data engineering", "Analytics Engineer": "Data engineering",
    "Data Scientist": "Data science", "Machine Learning Engineer": "Data science",
}

# Year ranges per seniority level (see vivier.pool.models.Seniority).
SENIORITY_YEARS = {10: (0, 1), 20: (1, 3), 30: (3, 7), 40: (7, 12), 50: (10, 18), 60: (15, 30)}
SENIORITY_WEIGHTS = {10: 5, 20: 20, 30: 35, 40: 25, 50: 10, 60: 3}

INTERESTS = [
    "Santé", "Green tech", "Open source", "Industrie", "Fintech", "Éducation", "Impact social", "Mobilité",
    "E-commerce", "Jeux vidéo", "Énergie", "Sport", "Agroalimentaire", "Aéronautique", "Retail", "Startups",
    "Grands groupes", "Associations", "Management", "Formation",
]
# Other languages a candidate may speak, beside their message language.
EXTRA_LANGUAGES = [("English", 45), ("Spanish", 12), ("German", 7), ("Italian", 5), ("Portuguese", 5),
                   ("Arabic", 6), ("Dutch", 2), ("Mandarin", 1), ("Polish", 1)]

# --- Sources -------------------------------------------------------------------------------------
ATS_NAMES = ["lever", "greenhouse", "taleez", "flatchr", "teamtailor"]
IMPORT_FILES = ["vivier-2019.xlsx", "export-cvthèque-2021.csv", "salon-emploi-lyon-2022.csv", "candidats-anciens.xls"]
REFERRERS = [
    "Sophie Lambert (Alvéa RH)", "Karim Haddad (Alvéa RH)", "Julie Moreau, ex-candidate placée chez Doctolib",
    "Thomas Girard, manager chez Geodis", "Nadia Benali (cooptation)", "Claire Dupont, cadre de santé AP-HP",
    "James Walker (London office)",
]
JOB_OPENINGS = {
    "dev": ["Développeur Python — Qonto", "Lead dev React — client fintech", "Backend Java — SNCF Connect"],
    "data": ["Data engineer — Decathlon Digital", "Data analyst — AXA"],
    "devops": ["SRE — OVHcloud", "Ingénieur DevOps — Thales"],
    "product": ["Product owner — Leboncoin", "UX designer — Alan"],
    "nursing": ["Infirmier·ère de nuit — Clinique du Parc", "IBODE — Hôpital Foch",
                "Infirmier·ère réanimation — CHU de Nantes"],
    "technician": ["Technicien de maintenance — Michelin Clermont", "Technicien CVC — Dalkia"],
    "sales": ["Account executive SaaS — Agicap", "Commercial terrain — Rexel"],
    "logistics": ["Caristes CACES 3/5 — Geodis Lyon", "Chef d'équipe entrepôt — FM Logistic",
                  "Préparateurs de commandes — pic de fin d'année"],
    "accounting": ["Comptable fournisseurs — Saint-Gobain", "Contrôleur de gestion — Pernod Ricard"],
    "hr": ["Chargé·e de recrutement — Sodexo", "Gestionnaire de paie — cabinet"],
}
CONSENT_INFORMED_VIA = {
    "application": "Mention d'information sur le formulaire de candidature",
    "import": "Email d'information envoyé à l'import (art. 14 RGPD)",
    "referral": "Appel de présentation puis email d'information",
    "linkedin": "Message LinkedIn avec lien vers la politique de confidentialité",
    "ats": "Politique de confidentialité acceptée dans l'ATS",
}

NOTES_FR = [
    "Très bon échange téléphonique, à recontacter pour un poste similaire.",
    "Finaliste sur le dernier recrutement, le client a hésité jusqu'au bout.",
    "Préfère le télétravail partiel, pas plus de 2 jours sur site.",
    "En poste, ouverte à une opportunité si le projet est solide.",
    "Mobilité géographique possible vers Lyon ou Grenoble.",
    "A décliné l'offre pour une question de salaire (demandait +10 %).",
    "Disponible rapidement, fin de mission d'intérim le mois prochain.",
    "Profil rare, garder le contact tous les 6 mois.",
    "Souhaite évoluer vers un poste de management.",
    "Ne souhaite plus travailler de nuit.",
]
NOTES_EN = [
    "Great call, keep in touch for similar roles.",
    "Reached the final round last time; the client hesitated until the end.",
    "Wants hybrid work, two days a week on site at most.",
    "Happy in their current role but open to a strong project.",
    "Could relocate to Paris for the right opportunity.",
    "Declined our offer over salary.",
]
