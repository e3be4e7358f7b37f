"""Victim status: which side the dead belonged to, in the claimant's own words.

``classify_victims`` turns a claim's ``victims_text`` ("civils, dont des
enfants", "terroristes neutralisés", "casques bleus tchadiens", "مدنيين") into
one of :data:`VICTIM_STATUSES`:

``civilian``
    civilians and the words that name them by what they do or who they are:
    villagers, herders, farmers, drivers, passengers, traders, fairgoers,
    workers and staff (including MINUSMA's civilian staff and contractors and
    private security guards), officials such as mayors and sub-prefects,
    protesters, displaced people; and women, children and the elderly.
``state_forces``
    Malian forces: the army (FAMa), national guard, gendarmerie, police, and
    "soldats" or "militaires" whose nationality is not given (assumed Malian:
    the claims are about Mali, and foreign soldiers are named as such);
    "(Mali)" or "côté malien" as a side in a battle table.
``foreign_forces``
    French forces (Serval, Barkhane, Takuba), Wagner and Africa Corps
    ("mercenaires russes", "Russian instructors"), UN peacekeepers ("casques
    bleus", MINUSMA), and soldiers named with another nationality (the Chadian,
    Togolese, Nigerien ... contingents), "partners" or "allies" of the Malian
    forces, and the jihadist "forces des envahisseurs croisés".
``armed_group``
    jihadists and "terroristes" (JNIM/GSIM, AQMI, MUJAO, Katiba Macina, EIGS /
    Islamic State), rebels (MNLA, HCUA, MAA, CMA, CSP, FLA), pro-government
    militias (GATIA, MSA, Plateforme), the dozo hunters' brotherhoods of
    central Mali ("chasseurs", Dan Na Ambassagou), former fighters
    ("ex-rebelles", "ex-combattants"), English "militants", and the army's
    words for its enemies: "assaillants", "individus armés", "neutralisés",
    "kamikazes", "bandits". Militias allied to the state are ``armed_group``,
    not ``state_forces``, as in the claims notes (NOTES_2022_2025.md) and in
    ACLED's actor types, where militias (inter codes 3, political, and 4,
    identity) are kept apart from state forces (1) and from external forces
    such as UN missions (8) (ACLED Codebook, "ACLED Actors").
``mixed``
    the label names more than one of the four classes above ("soldats et
    civils", "Wagner; Famas", "49 CMA, 39 Plateforme, 18 FAMa").
``unspecified``
    no status named: "personnes", "morts", "people", "corps", "otages",
    "personnes arrêtées", ethnicities, communities and nationalities on their
    own ("Peuls", "membres de la communauté dogon", "ressortissants indiens"),
    and an empty label.

**The class is the claimant's label, not a finding.** At Amassine (Kidal,
19 May 2024) the CSP counted "male villagers, all civilians" and a Malian
security source counted "29" armed "terrorists": the same dead get
``civilian`` from one claimant and ``armed_group`` from the other, and that
disagreement is what malitrack measures. "Suspected jihadists" and
"présumés terroristes" are therefore ``armed_group``, "civils suspects" is
``civilian``.

Labels come in French, English and Arabic, and a few in German, Spanish,
Italian, Portuguese, Dutch, Polish, Romanian, Slovenian and Malay (all seen in
the raw claims); the patterns also know a few Russian words.

Method. The text is case-folded, accents and Arabic diacritics are removed
and quotation marks, guillemets and apostrophes become spaces. Words that
mention a group without saying the dead belonged to it are set aside first:
the perpetrator or captor ("par"/"by" up to the next comma, semicolon or
bracket: "arrêtées par l'armée", "killed by French forces"; "aux mains des
jihadistes"; "after FAMa air strikes"), the event ("opérations militaires",
"une attaque terroriste", "in a French army strike"), negations ("pas de
civils", "non armés") and words that only mean something relative to the speaker
("côté ami", "ennemis", "nos soldats", "forces alliées", "dans ses rangs"):
the Malian army's "ennemis" are jihadists, the FLA's are the army, and
"nos soldats" said by Chad's president are Chadian peacekeepers, so these
are left ``unspecified`` unless the label also names the class. The
remaining words are matched against ordered patterns (specific phrases such
as "soldats du contingent togolais" or "employés de la MINUSMA" before
single words such as "soldats" or "MINUSMA").

How ``mixed`` is decided. A label that names one class gets that class; one
that names several is ``mixed``. An including-clause ("dont", "including",
"parmi lesquels", "y compris", "some of them", "بينهم") describes part of the
group before it:

* when the group before it is ``civilian``, the clause does not change it:
  the claimant calls them civilians ("civils, dont 4 chasseurs"; HRW's
  "civilian men, some of them suspected Islamist fighters");
* when it names another class, the clause's classes are added ("soldats, dont
  des mercenaires russes" is ``mixed``), except for women and children
  ("casques bleus guinéens dont une femme" stays ``foreign_forces``);
* when the group before it is generic ("morts", "personnes", "people"), a
  clause naming women, children or civilians by what they do or are makes
  the label ``civilian`` ("personnes, dont des femmes et des enfants",
  "personnes dont le chef du village"); a clause that singles a status out
  by name makes it ``mixed``, because the rest of the toll is not of that
  status: "morts, dont cinq kamikazes", "au moins cinq morts, dont un
  soldat malien", "54 corps dont un civil".

Known limit: a generic total that is entirely made of the group in its
clause ("personnes, dont le kamikaze et 6 combattants", 7 in all) comes out
``mixed``; the classifier reads words, not sums.
"""

from __future__ import annotations

import re

import pandas as pd

from malitrack.text import fold
from malitrack.vocab import VICTIM_STATUSES

_QUOTES_AND_DASHES = re.compile(r"[«»„“”‟\"'‘’‚‛`´′ʼ\-‐‑‒–—―*]")


def _normalize(text: str) -> str:
    """Fold (``malitrack.text.fold``: case, accents, Arabic marks, ł/œ), blank out quotes and dashes.

    >>> _normalize("« Côté terroriste »; l'armée")
    'cote terroriste ; l armee'
    """
    spaced = _QUOTES_AND_DASHES.sub(" ", fold(text, ligatures=True))
    return " ".join(spaced.replace(";", " ; ").replace("/", " / ").split())


def _words(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


_FORCE_NOUN = _words(
    r"soldat\w*", r"soldier\w*", r"soldados?", r"militaires?", r"military", r"militar[ei]s?",
    r"troupes?", r"troops?", r"forces?", r"combattants?", r"fighters?", r"instructeurs?",
    r"instructors?",
    r"paramilitaires?", r"paramilitar\w*", r"mercenaires?", r"mercenar\w*", r"unite",
    r"bataillon", r"contingent", r"allies", r"casques? bleus?", r"peacekeepers?",
    r"armee", r"army", r"جنود", r"جندي\w*", r"عسكري\w*", r"قوات", r"الجيش",
)
# Words between a force noun and its nationality ("soldats du contingent togolais",
# "soldats (tchadiens)"): up to three, never across a comma or semicolon, and never
# another group ("soldats maliens ou combattants russes" names two groups).
_ANOTHER_GROUP = _words(
    r"soldat\w*", r"soldier\w*", r"militaires?", r"military", r"troupes?", r"troops?",
    r"combattants?", r"fighters?", r"mercenaires?", r"civil\w*", r"et", r"and", r"ou", r"or",
)
_GAP = r"(?:[\s()/]+(?!" + _ANOTHER_GROUP + r"\b)[\w.]+){0,3}?[\s()/]+"
_FOREIGN_NATIONALITY = _words(
    r"francais\w*", r"french", r"russes?", r"russian", r"tchadien\w*", r"chadians?",
    r"togolais\w*", r"togolese", r"guineen\w*", r"guinean", r"senegalais\w*",
    r"senegalese", r"burkinab\w*", r"nigerien\w*", r"bangladais\w*", r"bangladeshi",
    r"chinois\w*", r"chinese", r"cambodgien\w*", r"egyptien\w*", r"egyptian",
    r"nigerian\w*", r"ivoirien\w*", r"beninois\w*", r"allemand\w*", r"german",
    r"neerlandais\w*", r"dutch", r"britanniques?", r"british", r"americain\w*",
    r"american", r"suedois\w*", r"swedish", r"estonien\w*", r"estonian", r"expatries?",
    r"etrangers?", r"frances\w*", r"rusos", r"russi", r"chadian\w*", r"franzosisch\w*",
    r"russisch\w*", r"tschadisch\w*", r"deutsch\w*", r"wagner", r"africa corps",
    r"corps africain", r"barkhane", r"serval", r"takuba", r"minusma", r"onu", r"onusien\w*",
    r"de la paix",
    r"(?:ال)?تشادي\w*", r"(?:ال)?روس\w*", r"(?:ال)?فرنس\w*", r"الامم المتحدة",
)
_FOREIGN_COUNTRY = r"(?:du|de la|de l|from|of)\s+" + _words(
    r"burkina", r"tchad", r"chad", r"niger", r"togo", r"guinee", r"guinea", r"senegal",
    r"france", r"russie", r"russia", r"bangladesh", r"chine", r"china", r"egypte",
)


def _compile(*patterns: str) -> re.Pattern:
    """One regex for many patterns.

    Patterns that start at a word boundary share one leading ``\\b``, so a position
    inside a word is rejected once instead of once per pattern (on the 943 raw
    labels: 84 µs per label instead of 497 µs).
    """
    at_word_start = [p[2:] for p in patterns if p.startswith(r"\b")]
    anywhere = [p for p in patterns if not p.startswith(r"\b")]
    parts = [f"(?:{p})" for p in anywhere]
    if at_word_start:
        parts.insert(0, r"\b(?:" + "|".join(f"(?:{p})" for p in at_word_start) + ")")
    return re.compile("|".join(parts))


# Mentions of a group that do not say the dead belonged to it.
_IGNORED = _compile(
    # the perpetrator, captor or rescuer: "par"/"by" up to the next comma, semicolon
    # or bracket, except after words that make the group the sufferer ("pertes subies
    # par l'armée") or the owner ("morts abandonnés par les rebelles")
    r"(?<!abandonnes )(?<!subies )(?<!subie )(?<!subis )(?<!suffered )(?<!sustained )"
    r"\b(?:par|by)\s+[^,;()]*",
    r"\b(?:aux|entre les)\s+mains\s+(?:de|du|des|d)\s+(?:(?:l|la|les)\s+)?\w+",
    r"\bprisonniers?\s+(?:d|de|du)\s+(?:un|une|la|l)?\s*groupe\s+\w+",
    r"\bd\s+appartenir\s+(?:a|au|aux)\s+(?:(?:la|l)\s+)?\w+",
    r"\bcollabor\w*\s+avec\s+(?:(?:les|la|l)\s+)?(?:forces?(?:\s+de\s+\w+)?|armee|autorites)",
    r"\b(?:after|apres)\s+(?:(?:des|les|the)\s+)?(?:fama|army|armee|french|francaises?)\s+"
    r"(?:air\s*strikes?|frappes?(?:\s+aeriennes)?|drones?|raids?)",
    # the setting, not the victims
    r"\b(?:attaques?|attentats?|attacks?|embuscades?|ambush\w*|raids?|bombings?|assauts?)"
    r"\s+(?:a\s+la\s+)?(?:terroris\w*|jihad\w*|djihad\w*|islamist\w*|rebelles?|suicide|kamikaze)",
    r"\b(?:terrorist|jihadist|islamist|rebel|militant|suicide)\s+"
    r"(?:attacks?|ambush\w*|raids?|bombings?|assaults?)",
    # "in a French army strike", "lors d'une attaque jihadiste": the event and its author
    r"\b(?:in|during|dans|lors\s+d\w*|pendant)\s+(?:\w+\s+){0,3}?"
    r"(?:strikes?|airstrikes?|frappes?|raids?|bombardements?|bombings?|attaques?|attacks?|"
    r"assauts?|operations?|offensives?|ambush\w*|embuscades?)\b"
    r"(?:\s+(?:(?:de|du|des|d|by|of)\s+(?:(?:l|la|les|le|the)\s+)?)?"
    r"(?!contre\b|against\b|on\b|sur\b|visant\b|targeting\b|par\b|by\b)\w+){0,3}",
    r"\boperations?\s+militaires?",
    r"\baviation\s+militaire",
    r"\bchefs?\s+militaires?\s+des\s+deux\s+camps",
    # kin of a named group's leader are not the group
    r"\b(?:son|brother|father|fils|frere|pere)\s+(?:of|de|du)\s+\w+\s+(?:leader|chef)\b",
    # negations
    r"\b(?:pas de|aucune?|no|not|sans)\s+(?:\w+\s+)?civil\w*",
    r"\bnon\s+arme\w*", r"\bsans\s+armes?\b", r"\bunarmed\b", r"\bdesarme\w*",
    # words whose meaning depends on who speaks
    r"\b(?:nos|ses|leurs|notre|son|leur|our|its|their(?:\s+own)?)\s+"
    + _words(r"soldats", r"hommes", r"rangs", r"elements", r"combattants", r"men",
             r"soldiers", r"ranks", r"armee") + r"\b",
    r"\bcote\s+amis?\b", r"\bennemis?\b", r"\brangs\s+adverses\b", r"\bopposing\s+ranks\b",
    r"\bforces\s+alliees\b", r"\bde\s+part\s+et\s+d\s+autre\b",
    r"\bdes\s+deux\s+(?:camps|cotes)\b",
)

# The word "civilians" itself (not a word for what civilians do or who they are).
_CIVILIAN_WORDS = (r"\bcivil\w*", r"\bcivis\b", r"\bzivil\w*", r"\bburgers\b", r"مدني\w*")
_CIVILIANS_BY_NAME = _compile(*_CIVILIAN_WORDS)

# Ordered: each match is blanked out, so specific phrases come before single words.
_LABEL_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("civilian", _compile(
        r"\b(?:employ\w*|contract\w*|sous\s+traitan\w*|travaill\w*|personnel\s+civil)"
        r"[^;]{0,40}?\b(?:minusma|onu|onusienne|nations\s+unies)\b(?:\s+force)?",
        r"\b(?:agents?|gardes?)\s+(?:\w+\s+)?(?:prives?\s+)?de\s+securite\b",
        r"\bsocietes?\s+(?:\w+\s+)?de\s+(?:securite|gardiennage)\b",
        r"\bgardes?\s+securicom\b", r"\bsecuricom\b", r"\bgardiennage\b",
        r"\b(?:precheurs|predicateurs)\s+islamistes?\b",
    )),
    ("foreign_forces", _compile(
        r"\b" + _FORCE_NOUN + _GAP + _words(_FOREIGN_NATIONALITY, _FOREIGN_COUNTRY) + r"\b",
        r"\b" + _FOREIGN_NATIONALITY + r"(?:[\s()]+\w+)?[\s()]+" + _FORCE_NOUN + r"\b",
        r"جنود\s+تشادي\w*",
        r"\bcasques?\s+bleus?\b", r"\bblue\s+helmets?\b", r"\bpeacekeep\w*",
        r"\bsoldats?\s+de\s+la\s+paix\b", r"\bmisji\s+pokojowej\b", r"\bminusma\b",
        r"\bonusien\w*", r"\bcontingent\w*", r"القبعات الزرق", r"الامم المتحدة",
        r"\bserval\b", r"\bbarkhane\b", r"\btakuba\b", r"\bcote\s+francais\b",
        r"\bwagner\b", r"فاغنر", r"\bafrica\s+corps\b", r"\bcorps\s+africain\b",
        r"\bmercenaires?\b", r"\bmercenar\w*", r"\b(?:leurs|ses|et)\s+(?:allies|partenaires)\b",
        r"\bcroises\b", r"\benvahisseurs\b", r"\bcascos\s+azules\b", r"\bcaschi\s+blu\b",
        r"\bcapacetes\s+azuis\b", r"\bblauhelm\w*", r"\bblauwhelm\w*", r"\bbundeswehr\w*",
        r"\bsoldner\w*", r"миротвор\w*", r"вагнер\w*",
        r"\blegionnaires?\b", r"حفظ السلام", r"مرتزق\w*",
    )),
    ("state_forces", _compile(
        r"\bforces?\s+armees?\s+(?:maliennes?|nationales)\b", r"\barmee\s+malienne\b",
        r"\b(?:forces?|troupes?)\s+(?:maliennes?|gouvernementales|loyalistes|speciales)\b",
        r"\bforces?\s+de\s+(?:securite|defense)\b", r"\bgovernment\s+troops\b",
        r"\b(?:security|armed|defen[cs]e)\s+forces\b", r"\bnational\s+guard\w*",
        r"\bmali(?:an)?\s+(?:army|forces?|soldiers?|troops|military|government)\b",
        r"\bgouvernement\s+malien\b", r"\(\s*mali\s*\)", r"\bcote\s+mali(?:en)?\b",
        r"(?:^|\.\.\.|;|/)\s*mali\s*(?=$|\.\.\.|;|/|\()",
        r"\bfamas?\b", r"\bgarde\s+nationale\b", r"\bgardes?\s+nationa\w*", r"\bgardes?\b",
        r"\bberets\s+rouges\b", r"\bjunta\b", r"\bgendarm\w*", r"\bpolic\w*",
        r"\bsoldat\w*", r"\bsoldier\w*", r"\bsoldaten\b", r"\bsoldados?\b",
        r"\bmilitaires?\b", r"\bmilitary\b", r"\bmilitares\b", r"\btroupes?\b", r"\btroops?\b",
        r"\barmee\b", r"\barmy\b", r"\bpatrouille\b", r"\bmilitari\b", r"\btentera\b",
        r"\bforces\s+de\s+l\s+ordre\b", r"\bspecial\s+forces\b", r"\bzolnierz\w*",
        r"جنود\w*", r"جندي\w*", r"عسكري\w*", r"الجيش", r"الدرك", r"شرطة", r"الشرطة",
        r"قوات\s+(?:ال)?(?:امن|دفاع)", r"военн\w*", r"солдат\w*",
    )),
    ("armed_group", _compile(
        r"\bterroris\w*", r"\bjihad\w*", r"\bdjihad\w*", r"\byihad\w*", r"\bdschihad\w*",
        r"\bislamist\w*", r"\bislamic\s+(?:extremist|state)\w*", r"\bmilitants?\b",
        r"\bmilitan\b", r"\bcombatientes\b", r"\bkampfer\w*", r"\baufstandisch\w*",
        r"\bstrijders?\b", r"боевик\w*", r"террорист\w*", r"джихадист\w*",
        r"\brebel\w*", r"\bribelli\b", r"\binsurg\w*", r"\bseparatist\w*",
        r"\bassaillants?\b", r"\battaquants?\b", r"\battackers?\b", r"\batacatori\b",
        r"\bag+res+(?:seurs?|ores?)\b", r"\battentater\b", r"\bkamikazes?\b",
        r"\bsuicide\b", r"\bcommando\b", r"\bbandits?\b",
        r"\bauteurs?\s+de\s+(?:l|cette)\s+attaque\b",
        r"\b(?:groupes?|individus|hommes|elements|jeunes)\s+armes\b",
        r"\barmed\s+(?:men|group\w*|individuals|youths?)\b",
        r"\bneutralis\w*", r"\bneutralize\w*", r"\bhors\s+de\s+combat\b",
        r"\bhors\s+d\s+etat\s+de\s+nuire\b",
        r"\bex\s+(?:rebelles|combattants)\b", r"\bcombattants?\b", r"\bfighters?\b",
        r"\bdaesh\b", r"\bdaech\b", r"\betat\s+islamique\b", r"\bsoutien\s+a\s+l\s+islam\b",
        r"\b(?:jnim|gsim|aqmi|mujao|eigs|eis|isgs|mnla|hcua|maa|cma|csp|fla|mia|msa|gatia)\b",
        r"\bnust?ra\b", r"\bansar\w*", r"\bkatiba\w*", r"\bplateforme\b", r"\bgunmen\b",
        r"\b(?:hani|gat|aqim|issp)\b", r"\bal\s+qa[iey]+da\b", r"\bboko\s+haram\b",
        r"\bmourabit\w*", r"\bganda\s+(?:koy|izo)\b", r"\bambassagou\b",
        r"\bliberation\s+de\s+l\s+azawad\b",
        r"\bdozos?\b", r"\bdonzos?\b", r"\bchasseurs?\b", r"\bautodefense\b", r"\bmilices?\b",
        r"\bmilitia\w*",
        r"ارهاب\w*", r"جهادي\w*", r"المهاجمين", r"مقاتل\w*", r"مسلح\w*", r"نفذوا الهجوم",
        r"متمرد\w*",
    )),
    ("civilian", _compile(
        *_CIVILIAN_WORDS,
        r"\bvillageois\w*", r"\bvillagers?\b", r"\bvascan\w*", r"\bressortissants\s+du\s+village\b",
        r"\bhabitant\w*", r"\bresidents?\b", r"\bpassag(?:er|ere)s?\b", r"\bpasseng\w*",
        r"\bberger\w*", r"\bshepherds?\b", r"\bherders?\b", r"\beleveu\w*",
        r"\bpaysan\w*", r"\bcultivat\w*", r"\bagricult\w*", r"\bfarmers?\b",
        r"\bnomades?\b", r"\borpailleu\w*", r"\bgold\s+miners?\b",
        r"\bcommercant\w*", r"\btraders?\b", r"\bvendeu\w*", r"\bmarchand\w*",
        r"\bforain\w*", r"\bfoire\b", r"\btransporteu\w*", r"\bchauffeu\w*",
        r"\bdrivers?\b", r"\bapprentis?\b", r"\bmecanicien\w*",
        r"\bemploy\w*", r"\btravailleu\w*", r"\btravaillant\b", r"\bworkers?\b",
        r"\btechnicien\w*", r"\bouvri\w*", r"\bentreprise\b", r"\bcontractuels?\b",
        r"\bcontractants?\b", r"\bclient\w*",
        r"\bprecheurs?\b", r"\bpredicateurs?\b", r"\bimams?\b", r"\bmarabouts?\b",
        r"\bnotables?\b", r"\bchefs?\s+(?:de|du)\s+village\b", r"\bvillage\s+chiefs?\b",
        r"\bmaires?\b", r"\bmayors?\b", r"\bconseill\w*", r"\bcouncillors?\b",
        r"\bsous\s+prefets?\b", r"\belus\b", r"\belected\s+officials?\b",
        r"\bjournalist\w*", r"\bhumanitai\w*", r"\bhumanitarian\w*",
        r"\bcreat\w+\s+de\s+contenus\b", r"\bcontent\s+creator\b", r"\btiktok\w*",
        r"\bmanifestant\w*", r"\bprotesters?\b", r"\bwedding\b", r"\bmariage\b",
        r"\bmigrants?\b", r"\bdeplaces\b", r"\binnocents?\b",
        r"\bhommes?\s+d\s+affaires\b", r"\bbusinessm[ae]n\b", r"\bbanquiers?\b", r"\bbankers?\b",
        r"\bminers?\b", r"\bpecheu\w*", r"\bfishermen\b", r"\bfideles\b", r"\bworshippers?\b",
        r"\bmourners?\b", r"\benseignant\w*", r"\bteachers?\b", r"\bstudents?\b",
        r"\bpupils?\b", r"\betudiant\w*", r"\becoli\w*", r"\btalibes?\b", r"\bprefets?\b",
        r"\bdisplaced\b", r"\bidps?\b", r"\brefugi\w*", r"\brefugees?\b",
        r"\bfonctionnaires?\b", r"\bagents?\s+de\s+sante\b", r"\binfirmi\w*", r"\bmedecins?\b",
        r"\bnurses?\b", r"\bdoctors?\b", r"\btouristes?\b", r"\btourists?\b",
        r"\bchefs?\s+(?:traditionnel|coutumier|religieux)\w*",
        r"\b(?:community|religious)\s+leaders?\b",
        r"\bleaders?\s+communautaires?\b", r"\baldea\w*", r"\baldeoes\b", r"\bpastor[ei]s\b",
        r"\babitanti\b", r"\bdorfbewohner\w*", r"\bdorpeling\w*", r"\bawam\b", r"\bcywil\w*",
        r"مواطن\w*", r"رعاة", r"قروي\w*", r"жител\w*",
    )),
]

# Women, children and the elderly: civilians unless the label names another class.
_DEMOGRAPHIC = _compile(
    r"\benfant\w*", r"\bchildren\b", r"\bchild\b", r"\bkids?\b", r"\bninos\b", r"\bbambin\w*",
    r"\bfemmes?\b", r"\bwom[ae]n\b", r"\bmujeres\b", r"\bragazz\w*", r"\bbebes?\b",
    r"\bnourrissons?\b", r"\binfants?\b", r"\bfilles?\b", r"\bgirls?\b", r"\bvieillards?\b",
    r"\bpersonnes\s+agees\b", r"\belderly\b", r"\bold\s+m[ae]n\b", r"\banzian\w*",
    r"\badolescent\w*", r"\bteenagers?\b", r"\bfamil\w*", r"\bwife\b", r"\bepouse\b",
    r"\bkinder\w*", r"\bfrauen\b", r"\bdonne\b", r"\bmulheres\b", r"\bcriancas\b",
    r"\belders\b", r"\bvrouwen\b", r"женщин\w*", r"дет(?:и|ей)\b",
    r"اطفال", r"طفل\w*", r"نساء", r"رضيع\w*", r"اسرة", r"عائلة",
)

# An including-clause: what follows describes part of the group before it.
_INCLUDING = _compile(
    r"\bdont\b", r"\bincluding\b", r"\bincl\b", r"\bamong\s+them\b", r"\bparmi\s+lesquel\w*",
    r"\by\s+compris\b", r"\bof\s+whom\b", r"\bof\s+which\b", r"\bsome\b", r"\bcertains?\b",
    r"\bdintre\s+care\b", r"\bincluid[ao]s\b", r"\btra\s+cui\b", r"بينهم", r"بينهن",
)


def _classes_named(fragment: str) -> tuple[set[str], bool]:
    """Classes a fragment names by a status word, and whether it names women or children."""
    found = set()
    for status, pattern in _LABEL_PATTERNS:
        fragment, count = pattern.subn(" , ", fragment)
        if count:
            found.add(status)
    return found, _DEMOGRAPHIC.search(fragment) is not None


def _combine(classes: set[str]) -> str:
    if not classes:
        return "unspecified"
    if len(classes) > 1:
        return "mixed"
    return next(iter(classes))


def classify_victims(text: str | None) -> str:
    """Victim status named by a claim's ``victims_text``, one of VICTIM_STATUSES.

    The class is the claimant's label, not a finding (see the module docstring).

    >>> classify_victims("male villagers, all civilians")
    'civilian'
    >>> classify_victims('armed "terrorists"')
    'armed_group'
    >>> classify_victims("Casque bleu togolais; soldat malien")
    'mixed'
    >>> classify_victims("personnes")
    'unspecified'
    """
    if not isinstance(text, str):
        return "unspecified"
    normalized = _IGNORED.sub(" , ", _normalize(text))
    split = _INCLUDING.search(normalized)
    head = normalized if split is None else normalized[: split.start()]
    clause = "" if split is None else normalized[split.end():]

    head_classes, head_demographic = _classes_named(head)
    clause_classes, clause_demographic = _classes_named(clause)
    if head_demographic:
        head_classes.add("civilian")
    if head_classes:
        if head_classes == {"civilian"}:
            return "civilian"
        return _combine(head_classes | clause_classes)
    if clause_classes - {"civilian"} or _CIVILIANS_BY_NAME.search(clause):
        return "mixed"
    if clause_classes or clause_demographic:
        return "civilian"
    return "unspecified"


def _classify_each_distinct(labels: pd.Series) -> pd.Series:
    statuses = {label: classify_victims(label) for label in labels.dropna().unique()}
    return labels.map(statuses).fillna("unspecified").astype("str")


def classify_victims_series(labels: pd.Series, fallback: pd.Series | None = None) -> pd.Series:
    """Classify a column of victims labels, each distinct label once.

    Missing labels are ``unspecified``. The result keeps the input's index and
    name. ``fallback`` is another column of the same claims, classified where
    ``labels`` names no status: pass ``figure_text``, which often carries the
    claimant's noun ("un Casque bleu et trois civils") when ``victims_text``
    is only "tués" or empty; both are the claimant's own words.

    >>> classify_victims_series(pd.Series(["civils", "FAMa", "civils", None])).tolist()
    ['civilian', 'state_forces', 'civilian', 'unspecified']
    >>> classify_victims_series(pd.Series(["tués", "civils"]),
    ...                         fallback=pd.Series(["un Casque bleu", "47 terroristes"])).tolist()
    ['foreign_forces', 'civilian']
    """
    statuses = _classify_each_distinct(labels)
    if fallback is not None:
        statuses = statuses.mask(statuses == "unspecified", _classify_each_distinct(fallback))
    return statuses.rename(labels.name)
