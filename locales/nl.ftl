# Berichten van de API en de site, in het Nederlands. Dezelfde sleutels en plaatshouders als
# en.ftl en fr.ftl (de i18n-tests controleren dat).

a-comment-can-be-changed-for-minutes = een reactie kan tot { $minutes } minuten na het schrijven gewijzigd worden
a-cumulative-ballot-needs-at-least-1 = een cumulatief stembiljet heeft minstens 1 punt nodig om te verdelen
a-merge-needs-a-reason = een samenvoeging heeft een reden nodig
a-moved-round-opens-later-than-now = een verplaatste ronde opent later dan nu; gebruik /open om ze nu te openen
a-multipolygon-needs-at-least-one-polygon = een MultiPolygon heeft minstens één polygoon nodig
a-paper-ballot-cannot-be-withdrawn-online = een papieren stembiljet kan niet online ingetrokken worden
a-polygon-needs-at-least-one-ring = een polygoon heeft minstens één ring nodig
a-position-is-outside-longitude-180-180 = een positie ligt buiten lengtegraad -180..180 of breedtegraad -90..90
a-position-must-be-longitude-latitude = een positie moet [lengtegraad, breedtegraad] zijn
a-proposal-cannot-be-changed = een voorstel dat { $state } is, kan niet meer gewijzigd worden
a-proposal-cannot-receive-a-merge = in een voorstel dat { $state } is, kan niets samengevoegd worden
a-proposal-is-not-reviewed = een voorstel dat { $state } is, wordt niet getoetst
a-reply-answers-a-comment-on-this-proposal = een antwoord hoort bij een reactie op dit voorstel, niet bij een ander antwoord
a-resident-can-submit-at-most-proposals = een inwoner kan in deze editie hoogstens { $max } voorstellen indienen
a-reviewer-needs-a-department = een toetser heeft een dienst nodig
a-ring-must-end-where-it-starts = een ring moet eindigen waar hij begint
a-ring-needs-at-least-four-positions = een ring heeft minstens vier posities nodig
a-verdict-needs-a-public-explanation-1 = een oordeel heeft een openbare toelichting nodig (1 tot 5000 tekens)
add-up-to-cents-not-the-estimated = tellen op tot { $total } cent, niet tot de { $estimated_cost_cents } cent van de kosten
an-account-with-this-address-exists = er bestaat al een account met dit e-mailadres; meld je aan met het wachtwoord ervan, of laat de identiteitsprovider het adres bevestigen
an-amendment-adds-or-removes-at-least = een amendement voegt minstens één project toe of haalt er minstens één weg
an-api-client-does-not-act-as-a-resident = een API-client handelt voor een systeem van de stad, niet voor een bewoner
an-api-client-holds-scopes-not-roles = dit account is van een API-client: die heeft scopes, geen rollen
an-approval-changes-nothing-use-amend-to = een goedkeuring verandert niets; gebruik amend om projecten toe te voegen of weg te halen
an-area-cannot-lie-inside-itself = een wijk kan niet in zichzelf liggen
an-area-worker-needs-an-area = een wijkwerker heeft een wijk nodig
an-earlier-row-plans-the-same-line = een eerdere rij plant dezelfde lijn (plan, jaar, actie, beleidsveld, rekening)
an-edit-needs-a-reason-of-1 = een wijziging heeft een reden van 1 tot 1000 tekens nodig
an-edition-needs-at-least-one-area = een editie heeft minstens één wijk nodig
an-empty-ballot-is-not-accepted-in = een leeg stembiljet wordt in deze ronde niet aanvaard: kies minstens één project
an-override-needs-a-reason = een aanpassing met de hand heeft een reden nodig
appears-twice = komt twee keer voor
appears-twice-in-the-file = komt twee keer voor in het bestand
area-code-taken = er bestaat al een wijk met code { $code }
as-written = { $text }
assign-the-proposal-to-a-department-first = wijs het voorstel eerst aan een dienst toe
at-most-co-authors = hoogstens { $max_coauthors } mede-indieners
at-most-files-here = hier kunnen hoogstens { $max } bestanden bij
at-most-lines = hoogstens { $max } lijnen
at-most-points-per-project = hoogstens { $max } punten per project
background-job-lagging = de achtergrondtaak { $job } is al { $seconds } s niet gelukt; dit proces is niet klaar
ballot-lists-projects = een stembiljet van het type { $ballot_type } somt projecten op: {"{"}"project_ids": [...]{"}"}
ballots-are-cast-in-the-voting-phase = er wordt gestemd in de stemfase
basis-points-between = moet tussen { $min } en { $max } basispunten liggen
belongs-to-plan-which-does-not-cover = hoort bij plan { $name } ({ $first_year }–{ $last_year }), dat het jaar van de editie ({ $year }) niet dekt
cents-are-booked-under-this-entry-reverse = er is { $under } cent geboekt onder deze boeking: draai die eerst terug, daarna deze
cents-are-funded-on-budget-line-it = er is { $funded } cent gefinancierd op budgetlijn { $id }; ze kan niet minder plannen
cents-are-funded-on-this-line-it = er is { $funded } cent gefinancierd op deze lijn; ze kan niet minder plannen
cents-between = moet tussen 0 en { $max } cent liggen
cents-between-1 = moet tussen 1 en { $max } cent liggen
cents-of-this-entry-are-left-to = er blijft { $left } cent van deze boeking over om terug te draaien
channel = { $name ->
        [online] online
        [paper] op papier
       *[code] met een stemcode
    }
choose-at-least-projects = kies minstens { $min } projecten
choose-at-most-projects = kies hoogstens { $max } projecten
choose-one-of-the-edition-s-categories = kies een van de categorieën van de editie
comments-are-closed = reageren op dit voorstel kan niet meer
coordinate-not-a-number = { $axis ->
        [longitude] de lengtegraad
       *[latitude] de breedtegraad
    } moet een getal zijn
could-not-be-read = kon niet gelezen worden
cumulative-gives-points = een cumulatief stembiljet geeft punten: {"{"}"points": {"{"}"<project_id>": n{"}"}{"}"}
date-like = moet een datum zijn zoals { $example }
decision-state-conflict = voorstel { $id } is al { $state } en kan niet { $target } worden
decisions-are-taken-in-the-decision-phase = beslissingen vallen in de beslissingsfase; de editie is in de fase { $phase }
department-exists-already = dienst { $code } bestaat al
edition-already-in = de editie is al in de fase { $phase }
edition-cannot-be-split-any-more = editie { $edition_id } kan niet meer verdeeld worden: { $detail }
error-erase-staff-account = Dit account heeft rollen bij de stad; een beheerder neemt ze eerst weg voor het gewist kan worden.
every-change-needs-a-reason = elke wijziging heeft een reden nodig
explain-add-opt = Exact Equal Shares verhoogde het budget per kiezer tot { $per_voter }, telkens precies tot waar de uitkomst verandert ({ $runs } tellingen); { $next ->
        [overspends] de volgende verandering had meer gefinancierd dan het budget.
       *[complete] daar financierde het alles wat kon.
    }
explain-add1 = Equal Shares verhoogde het budget per kiezer stap voor stap tot { $per_voter } ({ $runs } tellingen); { $next ->
        [overspends] één stap meer had meer gefinancierd dan het budget.
       *[complete] daar financierde het alles wat kon.
    }
explain-after-greedy-stopped = Niet gefinancierd: nummer { $position } in de telling, die stopte bij een eerder project dat niet meer paste.
explain-below-min-votes = Niet meegeteld: { $votes } stemmen, minder dan de { $min } die een project nodig heeft.
explain-below-threshold = Niet meegeteld: { $score } { $measure ->
        [points] punten
       *[votes] stemmen
    }, onder de drempel van { $threshold }.
explain-comparison-chose-greedy = Meer kiezers verkozen de uitslag volgens stemmen boven die van Equal Shares (met { $per_voter } per kiezer), dus geldt de telling volgens stemmen.
explain-equal-shares-bought = Gefinancierd in ronde { $round } van Equal Shares: de { $supporters } voorstanders betaalden { $measure ->
        [votes] elk hoogstens { $most_paid },
       *[points] { $rho } per punt dat ze het gaven, hoogstens { $most_paid } elk,
    } samen { $cost }{ $paid_all ->
        [0] {""}
       *[other] ; { $paid_all } van hen betaalden alles wat ze nog hadden
    }.
explain-equal-shares-unaffordable = Niet gefinancierd: vanaf ronde { $round } van Equal Shares hadden de { $supporters } voorstanders samen nog { $left }, minder dan de kost van { $cost }.
explain-filled-by-votes = Gefinancierd na Equal Shares met het geld dat overbleef, volgens stemmen: het kost { $cost } en er was nog { $left } beschikbaar.
explain-free = Gefinancierd: het kost niets.
explain-greedy-taken = Gefinancierd: nummer { $position } in de telling met { $score } { $measure ->
        [points] punten
       *[votes] stemmen
    }; het kost { $cost } en er was nog { $left } beschikbaar.
explain-greedy-too-expensive = Niet gefinancierd: nummer { $position } in de telling met { $score } { $measure ->
        [points] punten
       *[votes] stemmen
    }; het kost { $cost } maar er was nog maar { $left } over.
explain-no-equal-split = Niet gefinancierd: vanaf ronde { $round } van Exact Equal Shares hadden de { $supporters } voorstanders samen { $left }, maar geen groep van hen kon elk een gelijk deel van de kost van { $cost } betalen.
explain-no-support = Niet gefinancierd: niemand stemde ervoor.
explain-over-budget = Niet gefinancierd: het kost { $cost }, meer dan het hele budget van { $budget }.
explain-phragmen-stopped = Niet gefinancierd: Phragmén stopte in ronde { $round }, toen het project met de laagste last niet meer in het overgebleven geld paste.
explain-phragmen-taken = Gefinancierd in ronde { $round } van Phragmén: de last van de voorstanders steeg tot { $load } elk.
fields-invalid = { $count } velden zijn ongeldig
file-needs-header = het bestand heeft de kopregel { $header } nodig
floors-exceed-pot = de bodembedragen vragen { $needed } cent, maar na de stedelijke enveloppe blijft er maar { $available } cent over
form-not-readable = het formulier is niet leesbaar: { $reason }
funding-kind-mismatch = { $kind } kan niet van een lijn van het type { $category } komen (grootboekrekening { $account })
fundings-are-booked-on-this-line-only = er zijn financieringen op deze lijn geboekt: alleen het geplande bedrag kan nog veranderen; voeg anders een nieuwe lijn toe
geometry-needs-coordinates = heeft coördinaten nodig
geometry-needs-type = moet een GeoJSON-geometrie met een type zijn
going-back-a-phase-needs-a-reason = teruggaan naar een vorige fase heeft een reden nodig
hidden-after-reports = { $count } meldingen: verborgen tot een moderator beslist
ideas-phase-over = de ideeënfase van deze editie is voorbij (ze is in de fase { $phase })
illegal-state-change = een voorstel dat { $state } is, kan niet { $target } worden
internal-error = er liep iets onverwachts mis; het is gelogd
invoice-is-booked-on-this-proposal-already = factuur { $reference } is al op dit voorstel geboekt (uitgave { $id }); draai ze eerst terug om ze opnieuw te boeken
is-a-line-of-before-the-edition = is een lijn van { $fiscal_year }, vóór het jaar van de editie ({ $year })
is-funded-by-the-outcome-already = wordt al gefinancierd door de uitslag
is-invalid-used-or-expired = is ongeldig, al gebruikt of verlopen
is-not-a-category-of-this-edition = is geen categorie van deze editie
is-not-a-cursor-from-this-api = is geen cursor van deze API
is-not-a-known-ledger-account = is geen gekende grootboekrekening
is-not-a-known-policy-field = is geen gekend beleidsveld
is-not-a-milestone-of-this-proposal = is geen mijlpaal van dit voorstel
is-not-a-project-id = is geen project-id
is-not-a-user-id = is geen gebruikers-id
is-not-a-voting-code-of-this = is geen stemcode van deze ronde
is-not-an-action-of-this-plan = is geen actie van deze planversie
is-not-an-area-of-this-edition = is geen wijk van deze editie
is-not-an-e-mail-address = is geen e-mailadres
is-not-an-etag-this-server-gave = is geen ETag van deze server: stuur de ETag van je laatste lezing
is-not-funded-by-the-outcome = wordt niet gefinancierd door de uitslag
is-not-on-this-ballot = staat niet op dit stembiljet
is-not-on-this-round-s-ballot = staat niet op het stembiljet van deze ronde
is-not-your-current-password = is niet je huidige wachtwoord
is-required = is verplicht
is-required-when-the-proposal-is-feasible = is verplicht als het voorstel haalbaar is
is-required-with-cost-lines = is verplicht wanneer er kostenlijnen zijn
is-unknown-or-already-used = is onbekend of al gebruikt
length-at-most = mag hoogstens { $max } tekens lang zijn
length-between = moet { $min } tot { $max } tekens lang zijn
line-exceeded = de lijn plant { $planned } cent en er is { $funded } gefinancierd: { $amount } meer overschrijdt ze met { $over } cent; pas eerst het plan aan
line-has-this-plan-version-year-action = lijn { $id } heeft al deze planversie, dit jaar, deze actie, dit beleidsveld en deze rekening
line-not-bound = is geen van de budgetlijnen van de basis van editie { $edition }: financier uit { $lines }
list-at-least-one-budget-line = geef minstens één budgetlijn op
list-the-other-proposals-to-merge-into = geef de andere voorstellen op die in dit voorstel opgaan
lists-an-area-twice = noemt een wijk twee keer
malformed-json = de inhoud is geen geldige JSON (regel { $line }, kolom { $column })
may-contain-only-letters-digits-and = mag alleen letters, cijfers, '-', '_' en '.' bevatten
merged-into = samengevoegd met voorstel { $target }: { $reason }
method-not-accepted = { $path } aanvaardt geen { $method }; wel { $methods }
metrics-need-the-scraper-token = de metrieken vragen het token van de scraper: stuur `Authorization: Bearer <METRICS_TOKEN>`
milestone-status = { $name ->
        [planned] gepland
        [in_progress] bezig
       *[done] klaar
    }
milestones-follow-funded-proposals = mijlpalen horen bij gefinancierde voorstellen
minimum-age = deze ronde is voor inwoners van { $min_age } jaar en ouder
minimum-age-needs-birth-date = deze ronde heeft een minimumleeftijd: vul je geboortedatum in je profiel in
missing-columns = ontbrekende kolom(men): { $columns }
moderation-needs-a-reason-of-1-to = moderatie heeft een reden van 1 tot 1000 tekens nodig
multipolygon-is-a-list = de coördinaten van een MultiPolygon moeten een lijst van polygonen zijn
must-be-1-to-255-visible-ascii = moet 1 tot 255 zichtbare ASCII-tekens lang zijn, zoals een UUID
must-be-1-to-32-letters-digits = moet 1 tot 32 letters, cijfers, '-', '_' of '.' lang zijn
must-be-2-to-10-digits = moet 2 tot 10 cijfers lang zijn
must-be-4-digits = moet 4 cijfers lang zijn
must-be-a-real-birth-date = moet een echte geboortedatum zijn
must-be-a-whole-number = moet een geheel getal zijn
must-be-after-opens-at = moet na opens_at liggen
must-be-at-least-1 = moet minstens 1 zijn
must-be-at-least-cents-in-this = moet in deze editie minstens { $min_cost_cents } cent zijn
must-be-at-least-characters-long = moet minstens { $min_chars } tekens lang zijn
must-be-at-most-cents-in-this = mag in deze editie hoogstens { $max } cent zijn
must-be-at-most-characters-long = mag hoogstens { $max_chars } tekens lang zijn
must-be-funded-in-progress-or-completed = moet funded, in_progress of completed zijn
must-be-in-person-letter-code-or = moet in_person, letter_code of census zijn
must-be-mjp-meerjarenplan-or-amjp-aanpassing = moet mjp (meerjarenplan) of amjp (aanpassing) zijn
must-lie-in-the-plan-s-period = moet in de periode van het plan liggen ({ $first_year }–{ $last_year })
must-not-be-before-schedule = mag niet vóór schedule.{ $before } liggen
must-not-be-below-min-cost-cents = mag niet lager zijn dan min_cost_cents
must-not-be-empty = mag niet leeg zijn
must-not-be-empty-when-given = mag niet leeg zijn als het meegegeven wordt
must-not-be-negative = mag niet negatief zijn
must-not-be-your-e-mail-address = mag niet je e-mailadres of naam zijn
must-not-contain-control-characters = mag geen stuurtekens bevatten
must-not-exceed-max-choices = mag niet groter zijn dan max_choices
name-at-least-one-event-type = noem minstens één soort gebeurtenis
name-at-least-one-scope = noem minstens één scope
name-the-council-session-1-to-200 = geef de zitting van de gemeenteraad op (1 tot 200 tekens)
needs-a-choices-column = heeft een kolom choices nodig
needs-exactly-one-of-the-columns-code = heeft precies één van de kolommen code en user_id nodig
needs-role = hiervoor is de rol { $role } nodig
no-area-has-this-code = geen enkele wijk heeft deze code
no-area-with-id = er is geen wijk met id { $missing }
no-departments-yet = is geen dienst van de stad (er zijn er nog geen); een beheerder voegt hem toe met POST /api/v1/departments
no-participating-areas = de editie heeft geen deelnemende wijken
no-resource = er is niets op { $path }
no-such-area = deze wijk bestaat niet
no-such-budget-line = deze budgetlijn bestaat niet
no-such-plan-version = deze planversie bestaat niet
no-such-proposal = dit voorstel bestaat niet
no-such-user = deze gebruiker bestaat niet
no-weight = elke wijk heeft gewicht nul: vul bevolkingscijfers in of gebruik de gelijke verdeling
not-a-department = is geen dienst van de stad (gekend: { $known }); een beheerder voegt hem toe met POST /api/v1/departments
not-a-number-of-points = { $value } is geen aantal punten
not-a-project-id = { $value } is geen project-id
not-for-ballot-type = geldt niet voor stembiljetten van het type { $ballot_type }
not-found = { $thing } niet gevonden
nul-refused = mag het NUL-teken (U+0000) niet bevatten
number-between = moet tussen { $min } en { $max } liggen
one-field-invalid = { $field }: { $message }
one-of = moet een van deze zijn: { $names }
one-or-more-of = moet een of meer van deze zijn, gescheiden door komma's: { $names }
only-actions-have-a-priority = alleen acties hebben een prioriteit
only-an-area-worker-of-this-area = alleen een wijkwerker van deze wijk of een beheerder kan hier inwoners verifiëren
only-an-area-worker-of-this-area-2 = alleen een wijkwerker van deze wijk of een beheerder kan modereren
only-approved-proposals-are-funded-this-one = alleen goedgekeurde voorstellen worden gefinancierd; dit voorstel is { $state }
only-area-residents-vote = alleen inwoners van deze wijk stemmen in deze ronde
only-area-workers-have-an-area = alleen wijkwerkers hebben een wijk
only-authors-attach-files = alleen de indieners van het voorstel voegen er bestanden aan toe
only-finance-attaches-to-milestones = alleen het financieel team voegt bestanden toe aan mijlpalen
only-in-phase = { $action ->
        [submit] Indienen
        [co_sign] Steunen
        [withdraw_support] Steun intrekken
        [assign_review] Toetsingen toewijzen
       *[review] Toetsen
    } kan alleen in de fase { $needed }; de editie is in de fase { $phase }
only-its-author-changes-a-comment = alleen wie een reactie schreef, kan ze wijzigen of wissen
only-residents-of-this-area-can = alleen inwoners van deze wijk kunnen { $action ->
        [write] hier een voorstel schrijven
        [move] een voorstel naar deze wijk verplaatsen
        [submit] hier een voorstel indienen
       *[co_sign] dit voorstel steunen
    }
only-reviewers-have-a-department = alleen toetsers hebben een dienst
only-staff-answer-for-the-city = alleen medewerkers van de stad geven een officieel antwoord
only-the-authors-can-change-a-proposal = alleen de indieners kunnen een voorstel wijzigen
only-the-authors-can-submit-a-proposal = alleen de indieners kunnen een voorstel indienen
only-the-authors-can-withdraw-a-proposal = alleen de indieners kunnen een voorstel intrekken
only-the-client-credentials-grant = grant_type moet client_credentials zijn: de enige grant die dit eindpunt geeft
only-the-council-decides-on-outcomes = alleen de gemeenteraad beslist over uitslagen
only-the-uploader-removes-a-file = alleen wie een bestand toevoegde, of een moderator, verwijdert het
only-verified-residents-can-have-your-residency = alleen geverifieerde inwoners kunnen { $action ->
        [write] hier een voorstel schrijven
        [move] een voorstel naar deze wijk verplaatsen
        [submit] hier een voorstel indienen
       *[co_sign] dit voorstel steunen
    }: laat eerst je woonplaats verifiëren
only-verified-residents-vote = alleen geverifieerde inwoners stemmen: laat eerst je woonplaats verifiëren
only-who-writes-it-translates-it = alleen wie deze tekst schrijft (of een beheerder) vertaalt hem
overrun-needs-reason = de { $what ->
        [commitments] vastleggingen
       *[expenditures] uitgaven
    } zouden { $limit } cent met { $over } cent overschrijden: geef een overrun_reason om dat toe te laten
paper-ballots-are-entered-by = papieren stembiljetten worden ingevoerd door een gebiedswerker van de wijk van de ronde of een beheerder
password-too-common = is een van de meest gebruikte of makkelijk te raden wachtwoorden; kies een ander
phase = { $name ->
        [draft] ontwerp
        [ideas] ideeën
        [support] steun
        [review] toetsing
        [voting] stemming
        [decision] beslissing
        [implementation] uitvoering
        [closed] afgesloten
       *[none] geen andere
    }
phase-not-adjacent = een editie gaat één fase per keer verder: van { $from } kan ze naar { $next } of terug naar { $previous }, niet naar { $to }
plan-item-code-taken = er bestaat al een onderdeel met code { $code } onder deze { $parent }
points-as-project-points = schrijf punten als project:punten
points-for-at-most-projects = punten voor hoogstens { $max } projecten
points-given-available = { $total } punten gegeven, { $available } beschikbaar
polygon-is-a-list = een polygoon moet een lijst van ringen zijn
problem-title = { $code ->
        [bad_request] Ongeldig verzoek
        [malformed_json] Ongeldige JSON
        [unauthorized] Niet aangemeld
        [forbidden] Niet toegestaan
        [email_not_verified] E-mailadres niet bevestigd
        [not_eligible] Niet stemgerechtigd
        [not_found] Niet gevonden
        [method_not_allowed] Methode niet toegestaan
        [conflict] Botst met de huidige toestand
        [phase_closed] Niet mogelijk in de huidige fase
        [rules_frozen] De regels liggen vast
        [round_closed] De stemronde is niet open
        [already_exists] Bestaat al
        [exceeds_budget_line] Overschrijdt de budgetlijn
        [last_administrator] De laatste beheerder
        [on_open_ballot] Op een open stembiljet
        [precondition_failed] Gewijzigd sinds je het las
        [payload_too_large] Inhoud van het verzoek te groot
        [unsupported_media_type] Mediatype niet ondersteund
        [validation_failed] Ongeldige invoer
        [idempotency_key_reused] Idempotency-sleutel opnieuw gebruikt
        [rate_limited] Te veel verzoeken
        [service_unavailable] Dienst niet beschikbaar
       *[internal_error] Interne fout
    }
project-is-chosen-twice = project { $id } is twee keer gekozen
project-is-listed-twice = project { $id } staat er twee keer in
project-is-not-on-this-ballot = project { $id } staat niet op dit stembiljet
proposal-cannot-be-merged-into = voorstel { $id } kan niet opgaan in { $target_id }
proposal-state = { $name ->
        [draft] een ontwerp
        [submitted] ingediend
        [threshold_reached] genoeg gesteund voor toetsing
        [expired] verlopen zonder genoeg steun
        [feasible] haalbaar
        [infeasible] niet haalbaar
        [on_ballot] op het stembiljet
        [selected] gekozen door de stemming
        [not_selected] niet gekozen door de stemming
        [approved] goedgekeurd door de gemeenteraad
        [rejected] verworpen door de gemeenteraad
        [funded] gefinancierd
        [in_progress] in uitvoering
        [completed] uitgevoerd
       *[withdrawn] ingetrokken
    }
proposals-can-be-changed-until-the-support = voorstellen kunnen gewijzigd worden tot de steunfase begint
quote-not-closed = een veld tussen aanhalingstekens wordt niet afgesloten
rate-limited = te veel pogingen; probeer opnieuw over { $seconds } seconden
residents-have-voted-in-this-round-so = er hebben al inwoners gestemd in deze ronde, dus ze kan niet { $what ->
        [cancelled] geannuleerd
       *[moved] verplaatst
    } worden: sluit ze in de plaats vroeger, met een reden
results-are-published-when-the-round-closes = de uitslag wordt bekendgemaakt als de ronde sluit
reviewers-see-the-queue-of-their-own = toetsers zien de wachtrij van hun eigen diensten
ring-is-a-list = een ring moet een lijst van posities zijn
round-status = { $name ->
        [scheduled] gepland
        [open] open
       *[closed] gesloten
    }
rounds-open-in-the-voting-phase-the = rondes openen in de stemfase; de editie is in de fase { $phase }
row-field-count = heeft { $fields } velden, de kopregel heeft er { $header }
rule-cannot-count = { $rule } kan geen stembiljetten van het type { $ballot_type } tellen (GET /api/v1/ballot-types geeft de regels van elk type)
scope-not-granted = deze client heeft de scope { $name } niet
search-needs-a-word = typ minstens één woord om te zoeken
seed-demo-fills-an-empty-database-this = seed-demo vult een lege databank; deze heeft al accounts
send-either-project-ids-or-points = stuur project_ids of points, niet allebei
send-the-body-as-json-with-content = stuur de inhoud als JSON met Content-Type: application/json
send-the-file-as-multipart-form-data = stuur het bestand als multipart/form-data met een deel dat file heet
send-the-file-with-content-type-text = stuur het bestand met Content-Type: text/csv (of application/octet-stream)
service-unavailable = de dienst is druk bezet of de databank is onbereikbaar; probeer zo meteen opnieuw
sign-in-send-authorization-bearer-token = meld je aan: stuur `Authorization: Bearer <token>`
site-account = Je account
site-api = De API voor ontwikkelaars
site-area-code = Code
site-area-deprivation = Kansarmoede-index
site-area-deprivation-hint = Van 0 (minst kansarm) tot 1 (meest kansarm), bijvoorbeeld 0,71. Het weegt mee in de verdeling van het budget.
site-area-deprivation-value = { $index } (van 0, minst kansarm, tot 1, meest kansarm)
site-area-editions = Budgetten met deze wijk
site-area-geometry = Omtrek (GeoJSON)
site-area-geometry-hint = Een GeoJSON-Polygon of -MultiPolygon in lengte- en breedtegraad. Laat leeg voor een gebied zonder omtrek. Voorbeeld toont hem op de kaart voor je bewaart.
site-area-geometry-json = is geen geldige JSON
site-area-name = Naam
site-area-names = De naam in andere talen
site-area-names-hint = Wie de site in die taal leest, ziet deze naam; elke wijziging wordt bewaard.
site-area-names-save = Namen bewaren
site-area-no-editions = Nog geen openbaar budget omvat deze wijk.
site-area-no-outline = geen omtrek
site-area-no-parent = Geen groter gebied
site-area-parent = Ligt in
site-area-population = Inwoners
site-area-preview = Voorbeeld op de kaart
site-area-previewed = Voorbeeld: de omtrek zoals getypt, op de kaart. Er is nog niets bewaard.
site-area-proposals = Voorstellen voor deze wijk
site-area-save = Gebied bewaren
site-areas-admin-title = Gebieden
site-areas-caption = Alle gebieden, met hun inwoners en kansarmoede-index
site-areas-file = CSV-bestand
site-areas-file-hint = Kolommen code, name, population, deprivation_index en eventueel parent_code, gescheiden door komma's of puntkomma's. Een bestaande code wordt bijgewerkt. Elke rij wordt nagekeken en getoond voor er iets bewaard wordt.
site-areas-import-title = Gebieden uit een bestand invoeren
site-areas-imported = Ingevoerd: { $created } nieuw, { $updated } bijgewerkt.
site-areas-new = Nieuw gebied
site-areas-ready = Er is nog niets bewaard. De invoer maakt er { $created } nieuw en werkt er { $updated } bij.
site-areas-saved = Gebied { $code } bewaard.
site-assign-button = Sturen
site-assign-caption = Te beoordelen voorstellen en hun dienst
site-assign-department = Dienst
site-assign-empty = Nog geen voorstel haalde zijn drempel.
site-assign-intro = Elk voorstel dat zijn drempel haalde, gaat naar de dienst die nagaat of het kan. Een beoordeeld voorstel kan opnieuw vertrekken; de vorige beoordeling blijft in zijn geschiedenis. Dat kan zolang de editie in haar beoordelingsfase is.
site-assign-none = nog niet verstuurd
site-assign-not-this-edition = is geen voorstel van deze editie dat op beoordeling wacht
site-assign-send = Sturen naar
site-assign-sent = Het voorstel ligt bij de dienst; de beoordelaars zien het in hun lijst.
site-assign-title = Voorstellen ter beoordeling sturen
site-audit-action = Handeling
site-audit-actor = Door account
site-audit-broken = De keten is gebroken bij { $place }: { $reason }
site-audit-caption = Regels, nieuwste eerst
site-audit-details = Details
site-audit-entity = Op
site-audit-entity-id = Het nummer ervan
site-audit-entity-type = Soort ding (bijvoorbeeld proposal, round, user)
site-audit-intact = De keten is intact: { $count } regels, elke hash, verzegeld controlepunt en gepubliceerde kop klopt.
site-audit-none = Geen regel komt overeen.
site-audit-older = Oudere regels
site-audit-title = Auditlogboek
site-audit-verify = De hele keten nu controleren
site-audit-verify-hint = Leest het hele logboek opnieuw; bij een lang logboek duurt dat even.
site-audit-verifying = Elke schakel van de keten wordt herberekend…
site-audit-when = Wanneer
site-booth-abstain = Je mag ook een lege stem uitbrengen: je neemt deel zonder te kiezen.
site-booth-approval = Vink elk project aan dat je gefinancierd wilt zien.
site-booth-at-least = Kies minstens { $min } projecten.
site-booth-at-most = Kies hoogstens { $max } projecten.
site-booth-cast = Mijn stem uitbrengen
site-booth-change = Je kunt je stem wijzigen tot { $closes }; alleen je laatste stem telt.
site-booth-cumulative = Verdeel tot { $points } punten over de projecten die je gefinancierd wilt zien: hoe meer punten, hoe liever.
site-booth-knapsack = Vink de projecten aan die je gefinancierd wilt zien; samen mogen ze hoogstens { $limit } kosten.
site-booth-legend = Je keuze
site-booth-max-points = Hoogstens { $max } punten voor één project.
site-booth-rank-twice = rang { $rank } is aan twee projecten gegeven
site-booth-ranked = Nummer de projecten die je gefinancierd wilt zien in je volgorde van voorkeur: 1 voor je eerste keuze, 2 voor de volgende, enzovoort. Laat de andere leeg.
site-booth-read-more = Lees meer
site-booth-sign-in = Meld je aan om te stemmen
site-booth-title = Stemmen
site-booth-voted = Je hebt gestemd. Je ontvangstbewijs:
site-booth-whole-number = moet een geheel getal zijn, 0 of meer
site-booth-your-choice = Je keuze
site-chart-caption = Per project: de bovenste balk toont de stemmen tegenover het project met de meeste, de onderste de kost als deel van het budget. ✓ duidt een gefinancierd project aan. De tabel hieronder geeft dezelfde cijfers en de reden voor elk.
site-chart-title = Stemmen en kost van elk project; aangevinkte projecten worden gefinancierd
site-chart-votes = { $count } { $measure ->
        [points] punten
       *[votes] stemmen
    }
site-check-button = Opzoeken
site-check-empty = Een lege stem: je nam deel zonder te kiezen.
site-check-found = Deze stem werd onder je ontvangstbewijs geteld:
site-check-intro = Na de telling wordt elke stem gepubliceerd onder zijn ontvangstbewijs, zonder namen. Typ het jouwe om de stem te zien die eronder gepubliceerd is.
site-check-missing = Onder dit ontvangstbewijs werd geen stem van deze ronde gepubliceerd. Kijk na of je het typte zoals je het kreeg; klopt het, meld het dan aan de stad.
site-check-title = Mijn ontvangstbewijs nakijken
site-codes-working = De codes en het blad worden gemaakt…
site-comment-about = Over
site-comment-about-milestone = mijlpaal:
site-comment-about-proposal = het voorstel
site-comment-as-city = Antwoorden namens de stad (getoond als officieel antwoord)
site-comment-change = Je reactie wijzigen of wissen
site-comment-edited = gewijzigd
site-comment-former = Voormalige bewoner
site-comment-hidden = Een moderator verborg deze reactie:
site-comment-hint = Tot 5000 tekens. **Vet**, *cursief* en links werken; afbeeldingen van andere sites worden niet getoond. Je kunt je reactie 15 minuten lang wijzigen.
site-comment-new = Reageer
site-comment-official = officieel antwoord van de stad
site-comment-remove = Reactie wissen
site-comment-removed = Deze reactie werd gewist door wie ze schreef.
site-comment-reply = Antwoorden
site-comment-reply-send = Antwoord versturen
site-comment-report = Melden aan de moderatoren
site-comment-report-send = Melding versturen
site-comment-report-why = Wat is er mis mee?
site-comment-save = Wijziging bewaren
site-comment-send = Reactie versturen
site-comment-your-reply = Je antwoord
site-comment-your-text = Je reactie
site-comments-none = Nog geen reacties. Reageer als eerste.
site-comments-sign-in = Meld je aan om mee te praten
site-comments-title = Gesprek
site-console-action = Actie
site-console-admin = Beheer
site-console-codes = Briefcodes
site-console-codes-button = De codes aanmaken
site-console-codes-count = Hoeveel codes
site-console-codes-enter = Vul de code in op je pagina: { $at }
site-console-codes-hint = Elke code, naar één adres gestuurd, laat één bewoner bevestigen dat die in deze wijk woont. De codes worden één keer getoond: druk het blad af voor je de pagina verlaat.
site-console-codes-once = Deze codes worden niet leesbaar bewaard: druk ze nu af.
site-console-codes-sheet = Het blad om af te drukken
site-console-council = Gemeenteraad
site-console-finance = Financiën
site-console-moderation = Moderatie
site-console-nothing-yet = Je rollen hebben nog geen werk in de console; de API doet het allemaal.
site-console-queue = Bewoners die wachten op bevestiging
site-console-queue-caption = Bewoners die zeggen dat ze in deze wijk wonen
site-console-queue-empty = Niemand wacht.
site-console-queue-hint = Bevestig een bewoner zodra die je persoonlijk een bewijs van het adres toonde.
site-console-registered = Geregistreerd
site-console-residents = Bewoners van je wijken
site-console-reviews = Toetsing
site-console-reviews-queue = Voorstellen die op je toetsing wachten
site-console-staff-only = de console is voor medewerkers van de stad; je account heeft daar geen rol
site-console-title = Console van de stad
site-console-verified = De bewoner is bevestigd: die kan nu steunen en stemmen in deze wijk.
site-console-verify = Persoonlijk bevestigd
site-console-welcome = Aangemeld als { $name }. Je ziet het werk dat je rollen toelaten.
site-council-add = Toevoegen
site-council-amend = Wijzigen: de projecten hieronder aangevinkt toevoegen of schrappen
site-council-approve = De uitslag goedkeuren zoals geteld
site-council-button = De beslissing bewaren
site-council-caption = Getelde stemrondes en de beslissingen van de raad
site-council-change = Wijziging
site-council-choose = kies goedkeuren of wijzigen
site-council-decided = Beslist
site-council-decided-on = Datum van de beslissing
site-council-decision-title = Beslissen over de uitslag
site-council-edition = Editie
site-council-form = Een beslissing vastleggen
site-council-kind = Wat de raad beslist
site-council-none = Nog geen stemronde is geteld.
site-council-not-decidable = De raad beslist zolang de editie in de beslissingsfase is.
site-council-over-envelope = Reden om meer dan de enveloppe uit te geven
site-council-over-envelope-hint = Alleen als de gefinancierde projecten meer kosten dan de enveloppe.
site-council-projects-caption = De projecten op het stembiljet, met de uitslag van de stemming
site-council-public-page = De uitslag zoals bewoners hem zien
site-council-reason = Reden
site-council-recorded = De beslissing is bewaard; de auteurs van de projecten krijgen een mail.
site-council-remove = Schrappen
site-council-replaces = Een nieuwe beslissing vervangt de geldende; beide blijven in de geschiedenis.
site-council-round = Stemronde
site-council-rule = Regel
site-council-rule-funds = Financiert
site-council-rule-own = regel van deze ronde
site-council-rule-voters = Stemmers met een gefinancierd project
site-council-rules = Wat elke telregel zou financieren
site-council-rules-caption = Dezelfde stembiljetten geteld met elke passende regel, de regel van de ronde eerst
site-council-session = Raadszitting
site-council-session-hint = Bijvoorbeeld: gemeenteraad van 12 maart 2027, punt 14.
site-council-state = Beslissing
site-council-title = Getelde stemrondes
site-council-waiting = Wacht op de raad
site-decision-added = Toegevoegd: { $project }. Waarom: { $reason }
site-decision-amended = Gewijzigd door de gemeenteraad op { $on } ({ $session })
site-decision-approved = Goedgekeurd zoals geteld door de gemeenteraad op { $on } ({ $session })
site-decision-funded = De projecten die ze financiert:
site-decision-over-envelope = Dit besteedt meer dan het geld van de wijk. Waarom: { $reason }
site-decision-removed = Geschrapt: { $project }. Waarom: { $reason }
site-decision-superseded = Een latere beslissing verving deze.
site-decision-title = De beslissing van de gemeenteraad
site-display-name = Je naam zoals anderen hem zien
site-edit-button = Mijn wijzigingen bewaren
site-edit-intro = De auteurs kunnen het voorstel wijzigen tot de steunfase begint. Na het indienen blijft de vorige tekst leesbaar als versie.
site-edit-title = Mijn voorstel wijzigen
site-edition-allocation = Hoe de rest over de wijken verdeeld wordt
site-edition-allocation-rule = { $rule ->
        [equal] Evenveel voor elke wijk
        [per_capita] Volgens het aantal inwoners
       *[needs_weighted] Volgens het aantal inwoners, meer waar de nood groter is
    }
site-edition-alpha = Gewicht van de nood (alfa)
site-edition-alpha-hint = Alleen bij verdeling volgens nood: 1 geeft een wijk met de hoogste noodindex het dubbele deel per inwoner.
site-edition-amount = Bedrag
site-edition-area = Wijk
site-edition-areas = Doen mee
site-edition-base = De begroting van de stad, in euro
site-edition-base-hint = Het bedrag waarvan het voorbehouden percentage genomen wordt; bijvoorbeeld 250000000.
site-edition-categories = Categorieën
site-edition-categories-hint = Eén per regel: code; naam. Bijvoorbeeld: groen; Groen en natuur
site-edition-category-words = schrijf elke categorie als code; naam
site-edition-choose-allocation = kies hoe de rest verdeeld wordt
site-edition-choose-phase = kies de fase om naartoe te gaan
site-edition-citywide = De hele stad
site-edition-citywide-share = Daarvan voor de hele stad, in procent
site-edition-done = { $what ->
        [created] De editie is aangemaakt.
        [phase] De fase is gewijzigd; bewoners zien het nu.
       *[saved] De editie is bewaard.
    }
site-edition-envelopes = Het geld per wijk
site-edition-envelopes-caption = Wat elke wijk in deze editie kan besteden
site-edition-floor = Bodem per wijk, in euro
site-edition-floor-hint = Elke wijk krijgt minstens dit voor de rest verdeeld wordt; 0 voor geen.
site-edition-moment-words = schrijf een datum en tijd, bijvoorbeeld 2027-03-01T09:00
site-edition-money = Het geld en hoe het over de wijken verdeeld wordt
site-edition-money-frozen = De stemming is begonnen: de geldregels kunnen niet meer veranderen.
site-edition-name = Naam
site-edition-no-envelopes = Nog geen enveloppe: kies de wijken die meedoen.
site-edition-phase = Fase
site-edition-phase-back = Eén fase terug
site-edition-phase-change = De fase wijzigen
site-edition-phase-next = Naar de volgende fase
site-edition-phase-reason = Reden om terug te gaan (bewoners zien ze)
site-edition-preview = De enveloppes met deze regels (nog niet bewaard)
site-edition-preview-button = Toon de enveloppes die deze regels geven
site-edition-public-page = De editie zoals bewoners ze zien
site-edition-reserved = Voorbehouden voor voorstellen van bewoners, in procent
site-edition-rounds = Stemmingen
site-edition-save = De editie bewaren
site-edition-schedule = Planning
site-edition-schedule-hint = Wanneer elke fase gepland begint, in UTC; bewoners zien het. De fase zelf verandert pas als jij ze wijzigt.
site-edition-see-proposals = Bekijk de voorstellen
site-edition-settings = Instellingen
site-edition-why = Waarom dit bedrag
site-edition-year = Begrotingsjaar
site-edition-year-words = schrijf het jaar in cijfers, bijvoorbeeld 2027
site-editions-caption = Alle edities, nieuwste eerst
site-editions-new = Nieuwe editie
site-editions-none = Nog geen editie.
site-editions-title = Edities
site-email = E-mailadres
site-envelope-citywide = Het deel van de pot voor projecten voor de hele stad.
site-envelope-equal = Een bodem van { $floor } voor elke wijk, plus een gelijk deel van de rest: { $share }.
site-envelope-needs = Een bodem van { $floor } voor elke wijk, plus { $share } voor de { $population } inwoners, gewogen naar de kansarmoede-index van { $index }: { $percent } % van de rest, zodat wijken die het meest nodig hebben meer krijgen.
site-envelope-override = De stad legde in de plaats { $amount } vast: { $reason }
site-envelope-per-capita = Een bodem van { $floor } voor elke wijk, plus { $share } voor de { $population } inwoners: { $percent } % van de rest, verdeeld volgens inwonertal.
site-erase-button = Mijn account definitief wissen
site-erase-done = We kennen je naam en adres niet meer. Bedankt voor je deelname.
site-erase-done-title = Je account is gewist
site-erase-keep = Mijn account houden
site-erase-password = Je wachtwoord, ter bevestiging
site-erase-title = Mijn account wissen
site-erase-what-goes = Je naam, e-mailadres, geboortedatum, wachtwoord en de mails die we je stuurden worden gewist, en je wordt overal afgemeld. Dit kan niet ongedaan gemaakt worden.
site-erase-what-stays = Je stemmen blijven geteld en blijven anoniem. Je voorstellen en steunbetuigingen blijven, onder "een voormalige bewoner".
site-field-error = { $label }: { $message }
site-files-add = Bestand toevoegen
site-files-alt = Wat er op de foto staat (voor wie ze niet kan zien)
site-files-choose = Foto of PDF
site-files-hint = JPEG, PNG, WebP of PDF, hoogstens 10 MB. We verwijderen de plaats- en cameragegevens uit foto's.
site-files-remove = Verwijderen
site-files-title = Foto's en bestanden
site-filter-button = Tonen
site-finance-add-milestone = De mijlpaal toevoegen
site-finance-amount = Bedrag, in euro
site-finance-books = De boeken
site-finance-caption = Goedgekeurde projecten die nog niet af zijn, met hun geld tot nu
site-finance-chart-caption = Vier balken per rij, van boven naar onder: gepland, voorzien, besteld, betaald. De tabel hieronder geeft dezelfde cijfers.
site-finance-chart-title = Gepland, voorzien, besteld en betaald per rij
site-finance-choose = kies er een uit de lijst
site-finance-commit = De bestelling bewaren
site-finance-commitment = Onder de bestelling
site-finance-commitments = Bestellingen (vastleggingen)
site-finance-date = Datum
site-finance-done = { $what ->
        [fundings] Het geld is voorzien.
        [commitments] De bestelling is bewaard.
        [expenditures] De betaling is bewaard.
        [milestones] De mijlpaal is toegevoegd; bewoners zien hem.
        [milestone-updates] De mijlpaal is bijgewerkt; de vorige stand blijft in de geschiedenis.
        [reversals] De tegenboeking is gemaakt; de boeking en haar correctie blijven in de boeken.
       *[state] De stap is bewaard; bewoners zien hem.
    }
site-finance-download = Deze tabel downloaden als CSV
site-finance-entry = Te corrigeren boeking
site-finance-entry-commitment = Bestelling
site-finance-entry-expenditure = Betaling
site-finance-entry-funding = Financiering
site-finance-erp = Referentie in het financieel pakket
site-finance-expenditures = Betalingen
site-finance-fund = Het geld voorzien
site-finance-funding = Onder het voorziene geld
site-finance-fundings = Geld voorzien op begrotingsartikels
site-finance-grouped-by = Gegroepeerd per
site-finance-grouping = { $group ->
        [line] Begrotingsartikel
        [action] Actie
        [objective] Doelstelling
        [policy_field] Beleidsveld
       *[edition] Editie
    }
site-finance-invoice = Factuur
site-finance-key = Rij
site-finance-kind = { $kind ->
        [purchase] Aankoop
        [operating_subsidy] Werkingssubsidie
        [investment_subsidy] Investeringssubsidie
       *[own_execution] Eigen uitvoering door de stad
    }
site-finance-kind-label = Soort uitgave
site-finance-line = Begrotingsartikel
site-finance-milestone = Mijlpaal
site-finance-milestone-status = Status
site-finance-milestones = Mijlpalen
site-finance-none = Geen goedgekeurd project op te volgen.
site-finance-not-this-proposal = hoort bij een ander project
site-finance-note = Opmerking
site-finance-nothing-yet = Nog niets.
site-finance-overrun = Reden voor de overschrijding
site-finance-overrun-hint = Alleen als dit meer is dan wat erboven staat.
site-finance-party = Leverancier of begunstigde
site-finance-pick = Kies er een
site-finance-planned = Gepland
site-finance-progress = Vordering, in procent
site-finance-reason = Reden
site-finance-report-caption = Het geld per rij van de gekozen groepering
site-finance-report-empty = Nog geen begrotingsartikel.
site-finance-report-title = Begrotingsrapport
site-finance-reversals = Een boeking corrigeren
site-finance-reversals-hint = Een boeking wordt nooit gewijzigd of gewist: een tegenboeking neemt ze geheel of gedeeltelijk terug, met de reden, en beide blijven in de boeken. Boek eerst terug wat onder een boeking hangt.
site-finance-reverse = Tegenboeking maken
site-finance-reverse-amount = Terug te nemen bedrag
site-finance-spend = De betaling bewaren
site-finance-state = Stand
site-finance-step = Volgende stap van de uitvoering
site-finance-step-button = De stap bewaren
site-finance-title = Op te volgen projecten
site-finance-total = Totaal
site-finance-update-button = Mijlpaal bijwerken
site-finance-update-milestone = Een mijlpaal bijwerken
site-follow-following = Je volgt dit: het nieuws erover krijg je per mail.
site-follow-start = Volgen (nieuws per mail)
site-follow-stop = Niet meer volgen
site-footer = Een burgerbudget van de stad.
site-forgot-button = Stuur de link
site-forgot-intro = Vul je e-mailadres in; als er een account bij hoort, sturen we een link om een nieuw wachtwoord te kiezen.
site-forgot-sent = Als er een account bij dit adres hoort, is er een link onderweg om een nieuw wachtwoord te kiezen. Hij werkt 30 minuten.
site-forgot-sent-title = Kijk in je mailbox
site-forgot-title = Wachtwoord vergeten?
site-form-refused = Het kwam niet van een pagina van deze site in deze browser, of het is verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.
site-form-refused-title = Dit formulier kon niet aanvaard worden
site-former-resident = een voormalige bewoner
site-home-intro = De stad houdt een deel van haar budget apart voor bewoners: stel ideeën voor, steun ze, stem, en volg wat er gebouwd wordt.
site-home-no-editions = Er is nog geen wijkbudget open.
site-home-title = Wijkbudgetten
site-import-button = Nu invoeren
site-import-changed = bijgewerkt
site-import-check = Bestand nakijken
site-import-checked = Het bestand is in orde
site-import-checking = Elke rij wordt nagekeken…
site-import-effect = Gevolg
site-import-new = nieuw
site-import-rows = Wat de invoer doet, rij per rij
site-import-running = Bezig met invoeren…
site-languages = Taal
site-line-action = Actie
site-line-ledger-account = Algemene rekening
site-line-plan = Versie van het plan
site-line-planned = Geraamd
site-line-policy-field = Beleidsveld
site-line-year = Jaar
site-lines-add = Een budgetlijn toevoegen
site-lines-add-button = Lijn toevoegen
site-lines-caption = Budgetlijnen van het meerjarenplan
site-lines-every-plan = Elke versie van het plan
site-lines-file-hint = Kolommen plan_version_id, fiscal_year, action_id, policy_field_code, ledger_account_code en planned_cents. Een rij voor een bestaande lijn zet haar geraamd bedrag. Elke rij wordt nagekeken en getoond voor er iets bewaard wordt.
site-lines-import-title = Budgetlijnen uit een bestand invoeren
site-lines-none = Geen budgetlijn komt overeen.
site-lines-title = Budgetlijnen
site-list-pages = Pagina's van de lijst
site-list-rows = Rijen { $first } tot { $last } van { $total }
site-login-button = Aanmelden
site-login-forgot = Wachtwoord vergeten?
site-login-register = Nog geen account? Registreer je
site-login-title = Aanmelden
site-logout-button = Afmelden
site-map-caption = Kies een wijk op de kaart om haar pagina te openen.
site-map-caption-console = Kies een gebied op de kaart om het te wijzigen.
site-map-label = Kaart van de wijken
site-me-code = Code uit je bewonersbrief
site-me-code-button = Bevestig waar ik woon
site-me-code-hint = De stad stuurt hem naar je woonadres. Spaties en streepjes maken niet uit.
site-me-download = Mijn gegevens downloaden (JSON)
site-me-erase = Mijn account wissen
site-me-language = Taal
site-me-language-hint = Voor deze site en voor de mails die we je sturen.
site-me-my-data = Mijn gegevens
site-me-my-data-hint = Download alles wat we over je bijhouden, of wis je account.
site-me-no-residence = nog niet bevestigd: vul de code uit je bewonersbrief in, of vraag het je wijkwerker
site-me-none = Nog geen.
site-me-not-verified = nog niet bevestigd: open de link die we je mailden
site-me-not-voted = open: je stemde nog niet
site-me-notify = Mail me over mijn voorstellen, wat ik volg en stemmingen waaraan ik kan meedoen
site-me-number = Je bewonersnummer
site-me-number-hint = Geef het aan een buur die je als mede-auteur van een voorstel wil vermelden.
site-me-preferences = Mijn voorkeuren
site-me-residence = Bewoner van
site-me-save = Mijn voorkeuren bewaren
site-me-supported = Voorstellen die ik steun
site-me-title = Mijn pagina
site-me-verified = bevestigd
site-me-votes = Mijn stemmen
site-me-written = Voorstellen die ik schreef
site-merge-button = Samenvoegen
site-merge-done = De voorstellen zijn in dit voorstel samengevoegd.
site-merge-ids = Nummers van de voorstellen om hierin samen te voegen
site-merge-ids-hint = Bijvoorbeeld 12, 15 (het nummer staat in het adres van het voorstel).
site-merge-ids-words = schrijf voorstelnummers gescheiden door komma's, bijvoorbeeld 12, 15
site-merge-intro = De voorstellen die je noemt worden ingetrokken en verwijzen naar dit voorstel; hun steunbetuigers steunen dit voorstel, ieder één keer.
site-merge-preview = Wat de samenvoeging doet
site-merge-preview-button = Toon wat de samenvoeging doet
site-merge-preview-goes = Deze voorstellen worden ingetrokken en verwijzen naar dit voorstel:
site-merge-reason = Reden van de samenvoeging
site-merge-supporters = Steunbetuigers van dit voorstel: nu { $before }, na de samenvoeging { $after } (ieder één keer).
site-merge-title = Dubbele voorstellen hierin samenvoegen
site-milestone-due = gepland op { $day }
site-milestones = Mijlpalen
site-milestones-none = Nog geen mijlpalen.
site-moderate-button = De beslissing bewaren
site-moderate-choose = kies verbergen of tonen
site-moderate-decision = Beslissing
site-moderate-hide = Verbergen voor bewoners
site-moderate-no-reports = Niemand meldde dit voorstel.
site-moderate-reason = Reden
site-moderate-reason-hint = De auteurs lezen dit in hun mail; het blijft in het auditlogboek.
site-moderate-report-handled = beslist
site-moderate-reports = Meldingen
site-moderate-show = Tonen aan bewoners
site-moderate-title = Modereren
site-moderate-yours = Jouw beslissing
site-moderation-caption = Gemelde voorstellen van je wijken
site-moderation-comments = Gemelde reacties
site-moderation-decided = Je beslissing is bewaard; de auteurs krijgen een mail.
site-moderation-empty = Hier staat geen gemeld voorstel.
site-moderation-handled = Beslist
site-moderation-hidden = Verborgen
site-moderation-open = Wachten op een beslissing
site-moderation-open-reports = Open meldingen
site-moderation-reasons = Opgegeven redenen
site-moderation-title = Gemelde voorstellen
site-moderation-which = Welke meldingen
site-money-allocated = Voorzien op de begroting van de stad
site-money-approved = Goedgekeurd door de gemeenteraad
site-money-committed = Besteld (vastgelegd)
site-money-spent = Betaald
site-name = Wijkbudget
site-not-found = Er is geen pagina op { $path }. Misschien is ze verhuisd, of bevat het adres een tikfout.
site-not-found-title = Pagina niet gevonden
site-notify-all-off = Je hebt alle mail van deze site uitgezet op je pagina.
site-notify-choose = Kies waarover je hoort, en wanneer
site-notify-daily-digest = In één mail per dag
site-notify-decision = Uitslagen en beslissingen van de gemeenteraad
site-notify-digest-hour = Het dagelijkse overzicht vertrekt één keer per dag, vanaf
site-notify-follows = Wat ik volg
site-notify-follows-none = Je volgt nog niets. Volg een voorstel, een wijk of een editie vanaf de pagina ervan.
site-notify-immediately = Mail me meteen
site-notify-intro = Je hoort over je eigen voorstellen en over wat je volgt. Kies per soort nieuws of het meteen komt, in een dagelijks overzicht, of helemaal niet.
site-notify-milestone = Voortgang van de uitvoering van een gefinancierd voorstel
site-notify-never = Nooit
site-notify-new-comment = Nieuwe reacties
site-notify-review = De haalbaarheidstoets van een voorstel door de stad
site-notify-round-opening = Een stemming opent, verschuift of gaat niet door
site-notify-state-change = Een voorstel verandert (gepubliceerd, ingetrokken, …)
site-notify-the-digest = Het dagelijkse overzicht
site-notify-title = Mijn meldingen
site-notify-waiting = Wacht op je volgende overzicht:
site-now-closed = Dit budget is afgesloten.
site-now-decision = De gemeenteraad beslist over de uitslag.
site-now-draft = Wordt voorbereid.
site-now-ideas = Bewoners kunnen nu voorstellen schrijven en indienen.
site-now-implementation = De gefinancierde projecten worden uitgevoerd.
site-now-review = De stad gaat na of de voorstellen haalbaar zijn.
site-now-support = Bewoners kunnen nu de voorstellen steunen die ze goed vinden.
site-now-voting = Bewoners kunnen nu stemmen.
site-paper-by-code = De stemcode op het papier
site-paper-by-resident = Het bewonersnummer
site-paper-check = Het bestand controleren
site-paper-checked = Het bestand is gecontroleerd
site-paper-choices = Wat het stembiljet kiest
site-paper-choices-hint = { $ballot ->
        [cumulative] Elk project als nummer:punten, gescheiden door spaties, bijvoorbeeld 12:3 15:2.
        [ranked] De projectnummers in volgorde, beste eerst, gescheiden door spaties.
       *[other] De projectnummers, gescheiden door spaties.
    }
site-paper-choose-file = kies een CSV-bestand
site-paper-enter = Dit stembiljet bewaren
site-paper-entered = { $count ->
        [one] Eén papieren stembiljet is bewaard.
       *[other] { $count } papieren stembiljetten zijn bewaard.
    }
site-paper-file = CSV-bestand
site-paper-file-hint = Een kopregel met code (of user_id) en choices, dan één stembiljet per regel, bijvoorbeeld: K7QD-M2XW-9PTA-HV3C,12 15. Elke regel wordt gecontroleerd en getoond voor er iets bewaard wordt.
site-paper-file-title = Een bestand met papieren stembiljetten
site-paper-import = Deze stembiljetten bewaren
site-paper-intro = Voer de papieren stembiljetten van deze ronde in zolang ze open is: één per keer, of een heel bestand tegelijk. Een code of bewoner die online stemde, kan niet ook op papier stemmen.
site-paper-number = Nummer
site-paper-one = Eén papieren stembiljet
site-paper-projects = De projecten op het stembiljet met hun nummer
site-paper-ready = Elke regel klopt: { $count } stembiljetten staan klaar. Er is nog niets bewaard.
site-paper-row-error = Regel { $row } ({ $column }): { $message }
site-paper-title = Papieren stembiljetten
site-paper-voter = Code of bewonersnummer
site-paper-voter-kind = De kiezer is gekend aan
site-password = Wachtwoord
site-plan-add-button = Aan het plan toevoegen
site-plan-add-item = Een doelstelling, actieplan of actie toevoegen
site-plan-added = { $code } toegevoegd aan het plan.
site-plan-code = Code
site-plan-create = Versie van het plan maken
site-plan-decided = Datum van de raadsbeslissing (niet verplicht)
site-plan-first-year = Eerste jaar
site-plan-heading = { $name } ({ $kind }, { $first }–{ $last })
site-plan-kind = Soort
site-plan-kind-amjp = Aanpassing van het meerjarenplan (AMJP)
site-plan-kind-mjp = Meerjarenplan (MJP)
site-plan-last-year = Laatste jaar
site-plan-name = Naam
site-plan-new = Nieuwe versie van het plan
site-plan-priority = prioritair
site-plan-priority-label = Een prioritaire actie
site-plan-title = Titel
site-plan-under = Wat en waar
site-plan-under-action-plan = Actie onder actieplan { $code } { $title }
site-plan-under-hint = Een doelstelling hoort in een versie van het plan, een actieplan onder een doelstelling, een actie onder een actieplan.
site-plan-under-objective = Actieplan onder doelstelling { $code } { $title }
site-plan-under-plan = Doelstelling in plan { $name }
site-plans-empty = Nog geen doelstelling in deze versie.
site-plans-none = Nog geen versie van het plan.
site-plans-title = Meerjarenplan
site-proposal-author = Voorgesteld door
site-proposal-coauthors = Samen met
site-proposal-cost = Geraamde kost
site-proposal-edit = Mijn voorstel wijzigen
site-proposal-history = Geschiedenis
site-proposal-implementation = De uitvoering
site-proposal-location = Waar
site-proposal-location-value = breedtegraad { $latitude }, lengtegraad { $longitude }
site-proposal-money-caption = Het geld van het project
site-proposal-progress = Al gedaan
site-proposal-review = De toetsing door de stad
site-proposal-reviewed-lines = De kosten zoals de dienst ze nakeek
site-proposal-supporters = Steunbetuigingen
site-proposal-verdict = { $verdict ->
        [feasible] Haalbaar
       *[infeasible] Niet haalbaar
    }
site-proposals-every-area = Alle wijken
site-proposals-filter = Toon
site-proposals-next = Meer voorstellen
site-proposals-none = Geen enkel voorstel past.
site-proposals-order = De voorstellen staan in een volgorde die voor jou geloot is, zodat er geen altijd bovenaan staat.
site-proposals-search = Zoeken
site-proposals-supports = { $count ->
        [one] 1 steunbetuiging
       *[other] { $count } steunbetuigingen
    }
site-proposals-title = Voorstellen
site-receipt-cast = Bedankt: je stem is ontvangen.
site-receipt-code = Je ontvangstbewijs:
site-receipt-keep = Bewaar het. Na de telling publiceert de ronde elke stem onder zijn ontvangstbewijs, zonder namen: zo kun je nagaan dat de jouwe geteld werd zoals je ze uitbracht.
site-receipt-points = { $project }: { $points } punten
site-receipt-replaced = Je nieuwe stem vervangt de stem die je eerder stuurde.
site-receipt-title = Je stem is binnen
site-register-button = Registreren
site-register-done = We stuurden een link naar het adres dat je opgaf. Open hem om je adres te bevestigen en meld je daarna aan.
site-register-done-title = Kijk in je mailbox
site-register-have-account = Al geregistreerd? Meld je aan
site-register-intro = Met een account kun je voorstellen schrijven, steunen en stemmen. We sturen een link om je e-mailadres te bevestigen.
site-register-title = Registreren
site-reset-button = Bewaar het nieuwe wachtwoord
site-reset-done = Je bent overal afgemeld; meld je opnieuw aan met het nieuwe wachtwoord.
site-reset-done-title = Je wachtwoord is gewijzigd
site-reset-hint = Minstens 8 tekens. Een paar ongewone woorden na elkaar zijn makkelijk te onthouden en moeilijk te raden.
site-reset-new-password = Nieuw wachtwoord
site-reset-title = Kies een nieuw wachtwoord
site-review-all = Alles wat wacht
site-review-assigned = Toegewezen
site-review-button = De toetsing bewaren
site-review-choose = kies haalbaar of niet haalbaar
site-review-cost = Kost op het stembiljet, in euro
site-review-cost-hint = Verplicht als het haalbaar is; bijvoorbeeld 12500 of 12.500,50.
site-review-cost-lines = Nagekeken kostenlijnen
site-review-cost-lines-hint = Eén lijn per kost: wat; bedrag, bijvoorbeeld Zitbanken; 1.200. Ze beginnen als de lijnen van de indiener: pas ze aan, of maak het vak leeg om alleen een totaal te geven. De lijnen tellen op tot de nagekeken kost en zijn openbaar.
site-review-department = Dienst
site-review-due = Tegen
site-review-earlier = Eerdere toetsingen
site-review-explanation = Openbare uitleg
site-review-explanation-hint = Bewoners lezen dit op de pagina van het voorstel: zeg waarom, in gewone woorden.
site-review-feasible = Haalbaar: het komt op het stembiljet
site-review-infeasible = Niet haalbaar
site-review-notes = Interne notities (niet verplicht)
site-review-notes-hint = Alleen toetsers en beheerders zien ze.
site-review-overdue = Te laat
site-review-overdue-only = Alleen te laat
site-review-public-page = Het voorstel zoals bewoners het zien
site-review-queue-caption = Toegewezen en nog niet getoetst, oudste eerst
site-review-queue-empty = Niets wacht op je dienst.
site-review-recorded = De toetsing is bewaard; de auteurs krijgen een mail.
site-review-title = Toetsing
site-review-verdict = Oordeel
site-review-which = Welke toetsingen
site-review-yours = Jouw toetsing
site-role = { $role ->
        [area_worker] Gebiedswerker
        [reviewer] Toetser
        [council] Gemeenteraad
        [finance] Financiën
       *[admin] Beheerder
    }
site-round-ballots = Gestemd
site-round-check-receipt = Mijn ontvangstbewijs nakijken
site-round-cost = Kost
site-round-eligible = Mochten stemmen
site-round-funded = Gefinancierd
site-round-on-the-ballot = Op het stembiljet
site-round-per-area-caption = Opkomst per wijk
site-round-project = Project
site-round-results = Uitslag
site-round-results-caption = Elk project, met de reden waarom het wel of niet gefinancierd werd
site-round-setup-abstention = Een blanco stembiljet mag
site-round-setup-area = Enveloppe
site-round-setup-ballot = { $ballot ->
        [approval] Vink de projecten aan die je wilt
        [knapsack] Vink projecten aan binnen een budget
        [cumulative] Verdeel punten
       *[ranked] Rangschik de projecten
    }
site-round-setup-ballot-caption = De projecten op het stembiljet met hun getoetste kost
site-round-setup-ballot-check = Het stembiljet als de ronde nu opende
site-round-setup-ballot-empty = Nog geen haalbaar voorstel voor deze enveloppe.
site-round-setup-ballot-type = Stembiljet
site-round-setup-budget-limit = Budget van een stembiljet, in euro
site-round-setup-cancel = De stemronde afgelasten
site-round-setup-cancel-hint = Alleen voor het eerste stembiljet; de enveloppe komt vrij voor een nieuwe ronde.
site-round-setup-cancel-title = De stemronde afgelasten
site-round-setup-choose-area = kies een enveloppe van deze editie
site-round-setup-close = De stemronde sluiten en tellen
site-round-setup-close-hint = Alleen nodig voor het geplande einde; bewoners zien ze.
site-round-setup-close-reason = Reden om voor het geplande einde te sluiten
site-round-setup-close-title = Sluiten en tellen
site-round-setup-closes = Sluit (UTC)
site-round-setup-create = De stemronde aanmaken
site-round-setup-done = { $what ->
        [created] De stemronde is aangemaakt; controleer het stembiljet en open ze dan.
        [opened] De stemronde is open; bewoners krijgen een mail.
        [closed] De stemronde is gesloten en geteld.
        [rescheduled] De stemronde is verplaatst.
       *[cancelled] De stemronde is afgelast.
    }
site-round-setup-edition = De editie
site-round-setup-limits = De grenzen van het stembiljet
site-round-setup-limits-hint = Vul in wat het gekozen stembiljet nodig heeft; laat de rest leeg.
site-round-setup-max-choices = Hoogste aantal te kiezen projecten
site-round-setup-max-points = Meeste punten voor één project
site-round-setup-min-age = Minimumleeftijd om te stemmen
site-round-setup-min-choices = Minste aantal te kiezen projecten
site-round-setup-new = Nieuwe stemronde
site-round-setup-open = De stemronde openen
site-round-setup-open-hint = Openen zet deze projecten op het stembiljet en zet de regels die de uitslag bepalen vast; bewoners krijgen een mail.
site-round-setup-opens = Opent (UTC)
site-round-setup-points = Te verdelen punten
site-round-setup-public-page = De stemronde zoals bewoners ze zien
site-round-setup-reason = Reden
site-round-setup-reschedule = De stemronde verplaatsen
site-round-setup-reschedule-hint = Alleen voor het eerste stembiljet; een open ronde wordt weer gepland en bewoners die hoorden dat ze openging, krijgen bericht.
site-round-setup-reschedule-title = De stemronde verplaatsen
site-round-setup-rule-counts = telt: { $ballots }
site-round-setup-uses-codes = Bewoners zonder geverifieerde woonplaats stemmen met een briefcode
site-round-setup-whole-number = schrijf een geheel getal
site-round-share = { $share } %
site-round-summary = { $ballots } stembiljetten; { $spent } van { $budget } besteed.
site-round-turnout = { $ballots } van de { $eligible } bewoners die konden stemmen, deden dat ({ $share } %).
site-round-turnout-column = Opkomst
site-round-votes = Stemmen
site-round-why = Waarom
site-round-window = Open van { $opens } tot { $closes }.
site-sign-in-with = Aanmelden met { $provider }
site-skip-to-content = Naar de inhoud
site-support-button = Steun dit voorstel
site-support-given = Je steunt dit voorstel.
site-support-sign-in = Meld je aan om dit voorstel te steunen
site-support-withdraw = Mijn steun intrekken
site-tally-count = Je koos { $count } projecten.
site-tally-count-of = Je koos { $count } van maximaal { $max } projecten.
site-tally-money = Je koos voor { $used } van { $limit }.
site-tally-over = Dat is meer dan dit stembiljet toelaat.
site-tally-points = Je gaf { $points } van je { $total } punten.
site-the-link = De link
site-there-is-a-problem = Er is een probleem
site-to-home = Naar de startpagina
site-unsubscribe-ask = De mails stoppen over:
site-unsubscribe-button = Stop deze mails
site-unsubscribe-done = Gedaan: geen mails meer hierover.
site-unsubscribe-title = Deze mails stoppen
site-upload-not-utf8 = het bestand is geen tekst in UTF-8; bewaar het als CSV UTF-8
site-upload-unreadable = het formulier kon niet gelezen worden; kies het bestand opnieuw
site-users-any-role = Elke rol of geen
site-users-area = Wijk
site-users-area-hint = Voor een gebiedswerker: de wijk waar die werkt.
site-users-caption = Accounts, de eerste honderd die overeenkomen
site-users-choose-role = kies een rol
site-users-department = Dienst
site-users-department-hint = Voor een toetser: de dienst waarvoor die toetst.
site-users-done = { $what ->
        [granted] De rol is toegekend.
       *[revoked] De rol is ingetrokken.
    }
site-users-find = Zoeken
site-users-grant = De rol toekennen
site-users-grant-title = Een rol toekennen
site-users-name = Naam
site-users-no-roles = Een bewoner zonder rollen.
site-users-none = Geen account komt overeen.
site-users-revoke = Intrekken
site-users-role = Rol
site-users-roles = Rollen
site-users-search = Naam of e-mailadres bevat
site-users-title = Accounts en rollen
site-verify-button = Bevestig mijn e-mailadres
site-verify-done = Dank je. Je kunt meedoen zodra je woonplaats geverifieerd is.
site-verify-done-title = Je e-mailadres is bevestigd
site-verify-intro = Druk op de knop om het adres te bevestigen waarnaar deze link gestuurd werd.
site-verify-title = Bevestig je e-mailadres
site-version-also-in = Dit voorstel bestaat ook in het:
site-version-language = Taal van deze tekst
site-write-body = Beschrijving
site-write-body-hint = Wat, waar, voor wie en waarom. Je mag *nadruk*, lijstjes en links gebruiken.
site-write-button = Bewaar als ontwerp
site-write-category = Thema
site-write-category-choose = Kies een thema
site-write-coauthors = Mede-auteurs (niet verplicht)
site-write-coauthors-hint = De bewonersnummers die je mede-auteurs op hun eigen pagina vinden, gescheiden door komma's.
site-write-coauthors-words = moeten bewonersnummers zijn, gescheiden door komma's, zoals 12, 31
site-write-cost = Geschatte kost in euro
site-write-cost-hint = Bijvoorbeeld 12500 of 12.500,50. De toetsing door de stad kijkt het na.
site-write-cost-line-words = heeft een omschrijving, een puntkomma en een bedrag nodig, zoals Plantenbakken; 4000
site-write-cost-lines = Kostenposten (niet verplicht)
site-write-cost-lines-hint = Eén per regel: wat, een puntkomma, het bedrag. Bijvoorbeeld: Plantenbakken; 4000
site-write-cost-words = moet een bedrag in euro zijn, zoals 12500 of 12.500,50
site-write-degrees-words = moet een aantal graden zijn, zoals 51,0543
site-write-draft = Dit is je ontwerp: alleen jij en je medeauteurs zien het tot je het indient.
site-write-intro = Je voorstel wordt bewaard als ontwerp dat alleen jij ziet. Lees het na op zijn pagina en dien het dan in, zodat je buren het kunnen steunen.
site-write-latitude = Breedtegraad
site-write-longitude = Lengtegraad
site-write-place = Waar (niet verplicht)
site-write-place-hint = De plek als breedte- en lengtegraad, bijvoorbeeld 51,0543 en 3,7174. Ze moet in de gekozen wijk liggen.
site-write-preview = Voorbeeld bekijken
site-write-preview-hint = Zo zal je voorstel eruitzien. Het is nog niet bewaard: bewaar het met de knop onder het formulier.
site-write-preview-title = Voorbeeld
site-write-submit = Dien mijn voorstel in
site-write-summary = Samenvatting
site-write-summary-hint = Eén of twee zinnen die zeggen wat je voorstelt.
site-write-title = Schrijf een voorstel
site-write-title-field = Titel
site-write-withdraw = Trek mijn voorstel in
someone-changed-this-since-you-read-it = iemand heeft dit gewijzigd sinds je het las: lees het opnieuw en breng dan je wijziging aan
still-referred-to = andere gegevens verwijzen nog naar dit gegeven
supports-needed = { $count } van de { $threshold } nodige steunbetuigingen
that-is-the-language-it-was-written-in = in die taal is het geschreven: wijzig de tekst zelf
the-access-token-is-invalid = het toegangstoken is ongeldig
the-access-token-is-invalid-or-expired = het toegangstoken is ongeldig of verlopen
the-area-has-sub-areas-or-takes = de wijk heeft deelwijken of neemt deel aan een editie; verwijder die koppelingen eerst
the-author-is-not-a-co-author = de indiener is geen mede-indiener
the-authorization-header-must-be-bearer-token = de Authorization-header moet `Bearer <token>` zijn
the-body-exceeds-bytes = de inhoud is groter dan { $import_limit } bytes
the-budget-module-is-for-finance-the = de budgetmodule is voor financiën, de gemeenteraad en beheerders
the-chosen-projects-cost-cents-more-than = de gekozen projecten kosten { $spent } cent, meer dan de { $limit } die beschikbaar zijn
the-chosen-projects-cost-cents-spend-at = de gekozen projecten kosten { $spent } cent; besteed minstens { $minimum }
the-class-first-digit-must-be-1 = de klasse (eerste cijfer) moet 1, 2, 4, 6 of 7 zijn
the-comment-is-removed = de reactie is gewist
the-council-decides-on-a-closed-round = de gemeenteraad beslist over een gesloten ronde
the-decision-spends-cents-of-an-envelope = de beslissing besteedt { $cost } cent van een enveloppe van { $budget_cents }: geef de reden om erover te gaan
the-e-mail-address-is-already-verified = het e-mailadres is al bevestigd
the-e-mail-address-or-password-is = het e-mailadres of wachtwoord is fout
the-edition-has-no-envelope-for-this = de editie heeft geen enveloppe voor dit gebied
the-file-contains-the-nul-character-u = het bestand bevat het NUL-teken (U+0000)
the-file-has-no-ballots = het bestand bevat geen stembiljetten
the-file-has-no-rows = het bestand heeft geen rijen
the-file-is-empty = het bestand is leeg
the-file-is-larger-than-bytes = het bestand is groter dan { $limit } bytes
the-file-is-not-utf-8-text = het bestand is geen UTF-8-tekst
the-file-needs-a-header-code-choices = het bestand heeft een kopregel nodig: code,choices of user_id,choices
the-first-request-with-this-idempotency-key = het eerste verzoek met deze Idempotency-Key wordt nog beantwoord; probeer zo meteen opnieuw
the-fundings-add-up-to-cents-the = de financieringen tellen op tot { $funded } cent; de goedgekeurde kost is { $approved }
the-identity-provider-does-not-answer = de identiteitsprovider antwoordt niet; probeer het zo meteen opnieuw, of meld je aan met je wachtwoord
the-identity-provider-sign-in-failed = aanmelden via de identiteitsprovider is niet gelukt; begin opnieuw
the-location-lies-outside-the-area = de locatie ligt buiten de wijk
the-period-runs-from-first-year-to = de periode loopt van first_year tot hoogstens tien jaar later
the-proposal-is-on-the-open-ballot = het voorstel staat op het open stembiljet van ronde { $round }: een beheerder haalt het er eerst af (POST /api/v1/rounds/{ $round }/withdrawals, met een reden)
the-proposal-s-approved-cost-is-cents = de goedgekeurde kost van het voorstel is { $approved } cent en er is al { $funded } gefinancierd
the-refresh-token-is-invalid-or-the = het vernieuwingstoken is ongeldig of de sessie is afgelopen
the-reports-are-read-by-area-workers = de meldingen worden gelezen door wijkwerkers en beheerders
the-request-body-could-not-be-read = de inhoud van het verzoek kon niet gelezen worden
the-request-body-is-larger-than-this = de inhoud van het verzoek is groter dan dit adres aanvaardt
the-round-closes-at-utc-closing-it = de ronde sluit op { $closes_at } UTC: ze vroeger sluiten heeft een reden nodig
the-round-has-no-feasible-project-to = de ronde heeft geen haalbaar project voor haar stembiljet
the-round-has-opened-its-rules-and = de ronde is geopend: haar regels en stembiljet liggen vast
the-round-is-already = de ronde is al { $status }
the-round-is-closed = de ronde is gesloten
the-round-is-closed-and-cannot-be = de ronde is gesloten en kan niet meer { $what ->
        [cancelled] geannuleerd
       *[moved] verplaatst
    } worden
the-round-is-not-open = de ronde is { $status }, niet open
the-round-is-only-an-open-round = de ronde is { $status }: alleen het stembiljet van een open ronde verandert op deze manier
the-round-is-open-from-to-utc = de ronde is { $status } (open van { $opens_at } tot { $closes_at } UTC)
the-round-s-closing-time-utc-has = het sluitingsuur van de ronde ({ $closes_at } UTC) is voorbij
the-session-has-ended-sign-in-again = de sessie is afgelopen; meld je opnieuw aan
the-token-request-needs-client-credentials = stuur het id en het geheim van de client met HTTP Basic-authenticatie of als client_id en client_secret in het formulier
thing = { $name ->
        [action] actie
        [action_plan] actieplan
        [api_client] API-client
        [area] wijk
        [ballot] stembiljet
        [budget_line] budgetlijn
        [comment] reactie
        [commitment] vastlegging
        [edition] editie
        [envelope] enveloppe
        [expenditure] uitgave
        [funding] financiering
        [file] bestand
        [milestone] mijlpaal
        [objective] doelstelling
        [plan_version] planversie
        [proposal] voorstel
        [role_grant] toegekende rol
        [round] ronde
        [support] steunbetuiging
        [user] gebruiker
        [webhook] webhook
       *[object] gegeven
    }
this-api-client-was-revoked = deze API-client is ingetrokken
this-code-has-been-used-already = deze code is al gebruikt ({ $channel })
this-code-has-been-used-already-2 = deze code is al gebruikt
this-entry-is-a-reversal-of-book = deze boeking draait { $original } terug; maak in de plaats een nieuwe boeking
this-envelope-has-a-voting-round-already = deze enveloppe heeft al een stemronde
this-idempotency-key-was-used-for-a = deze Idempotency-Key werd voor een ander verzoek gebruikt: gebruik een nieuwe sleutel voor nieuwe inhoud
this-is-the-last-administrator-s-role = dit is de rol van de laatste beheerder; geef de rol eerst aan iemand anders
this-is-the-last-project-on-the = dit is het laatste project op het stembiljet: annuleer of sluit de ronde in de plaats
this-needs-the-admin-role = hiervoor is de rol admin nodig
this-needs-the-admin-role-or-the = hiervoor is de rol admin nodig, of de rol area_worker met area_id op een wijk ervan
this-needs-the-reviewer-role = hiervoor is de rol reviewer nodig
this-plan-version-has-a-line-for = deze planversie heeft al een lijn voor dit jaar, deze actie, dit beleidsveld en deze rekening
this-proposal-cannot-be-co-signed = dit voorstel kan niet gesteund worden
this-proposal-is-not-assigned-to-your = dit voorstel is niet aan jouw dienst toegewezen
this-round-does-not-use-voting-codes = deze ronde gebruikt geen stemcodes (zet eerst uses_codes aan)
this-round-votes-with-the-codes-sent = in deze ronde stem je met de codes die per brief verstuurd zijn
this-voter-appears-twice-in-the-file = deze kiezer komt twee keer voor in het bestand
translation-has-no-such-text = dit heeft zo'n tekst niet om te vertalen
type-must-be-polygon-or-multipolygon-not = type moet Polygon of MultiPolygon zijn, niet { $other }
unique-value-taken = er bestaat al een gegeven met deze unieke waarde
unknown-client-or-wrong-secret = onbekende of ingetrokken client, of verkeerd geheim
unknown-column = onbekende kolom { $column }
unknown-field = is geen veld van dit verzoek
unknown-parameter = onbekende parameter: deze bewerking neemt { $known }
unknown-parameter-none = onbekende parameter: deze bewerking neemt geen queryparameters
unknown-scope = { $name } is geen scope
unsubscribe-link-not-valid = deze link om af te melden is niet geldig; kies je meldingen op je pagina
upload-file-is-empty = het bestand is leeg
upload-name-and-content-disagree = de naam of het type van het bestand zegt iets anders dan wat erin zit
upload-needs-a-file = kies een bestand om op te laden
upload-only-pictures-and-pdf = alleen JPEG-, PNG- en WebP-foto's en PDF-documenten kunnen worden toegevoegd
upload-picture-unreadable = de foto kan niet worden gelezen, of is groter dan 12000 pixels per zijde
verify-your-e-mail-address-first = bevestig eerst je e-mailadres
voted-already = heeft al gestemd ({ $channel })
voting-has-started-the-base-of-this = de stemming is begonnen: de basis van deze editie ligt vast
voting-has-started-the-money-rules-of = de stemming is begonnen: de geldregels van deze editie (basis, percentage, verdeling, wijken, enveloppes) liggen vast
was-used-already = werd al gebruikt ({ $channel })
webhook-disabled-mail-body = De webhook { $id } naar { $url } mislukte { $failures } keer na elkaar en verstuurt daarom niet meer. Zijn leveringen blijven bewaard: zodra de ontvanger weer werkt, zet je de webhook weer aan (PATCH /api/v1/webhooks/{ $id } met enabled: true) en speel je opnieuw af wat hij miste.
webhook-disabled-mail-subject = Webhook naar { $url } uitgeschakeld na { $failures } mislukte leveringen
webhook-url-needs-https = een webhook gaat naar een https://-adres (http:// alleen naar deze machine)
webhook-url-not-an-address = is geen webadres
wrong-shape = { $shape ->
        [whole_number] moet een geheel getal zijn
        [number] moet een getal zijn
        [text] moet tekst zijn
        [boolean] moet true of false zijn
        [list] moet een lijst zijn
        [object] moet een object zijn
        [date_time] moet een datum en tijd zijn, zoals 2026-05-01T09:00:00
       *[other] heeft niet het verwachte type of de verwachte vorm
    }
year-between = moet een jaar tussen { $min } en { $max } zijn
you-reported-this-comment-already = je meldde deze reactie al; de moderatoren bekijken ze
you-reported-this-proposal-already-the-moderators = je hebt dit voorstel al gemeld; de moderatoren hebben je melding
you-voted-on-paper-in-this-round = je hebt in deze ronde op papier gestemd; dat stembiljet telt
