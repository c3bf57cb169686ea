# Messages de l'API et du site, en français. Les mêmes clés et variables que en.ftl et nl.ftl
# (vérifié par les tests i18n).

a-comment-can-be-changed-for-minutes = un commentaire peut être modifié pendant { $minutes } minutes après sa rédaction
a-cumulative-ballot-needs-at-least-1 = un bulletin cumulatif a besoin d'au moins 1 point à répartir
a-merge-needs-a-reason = une fusion a besoin d'un motif
a-moved-round-opens-later-than-now = un tour déplacé s'ouvre plus tard que maintenant ; pour l'ouvrir maintenant, utilisez /open
a-multipolygon-needs-at-least-one-polygon = un MultiPolygon a besoin d'au moins un polygone
a-paper-ballot-cannot-be-withdrawn-online = un bulletin papier ne peut pas être retiré en ligne
a-polygon-needs-at-least-one-ring = un polygone a besoin d'au moins un anneau
a-position-is-outside-longitude-180-180 = une position est hors de la longitude -180..180 ou de la latitude -90..90
a-position-must-be-longitude-latitude = une position doit être [longitude, latitude]
a-proposal-cannot-be-changed = une proposition dont l'état est « { $state } » ne peut plus être modifiée
a-proposal-cannot-receive-a-merge = une proposition dont l'état est « { $state } » ne peut pas recevoir de fusion
a-proposal-is-not-reviewed = une proposition dont l'état est « { $state } » n'est pas examinée
a-reply-answers-a-comment-on-this-proposal = une réponse répond à un commentaire de cette proposition, pas à une autre réponse
a-resident-can-submit-at-most-proposals = un habitant peut déposer au plus { $max } propositions dans cette édition
a-reviewer-needs-a-department = un examinateur a besoin d'un service
a-ring-must-end-where-it-starts = un anneau doit se terminer là où il commence
a-ring-needs-at-least-four-positions = un anneau a besoin d'au moins quatre positions
a-verdict-needs-a-public-explanation-1 = un avis a besoin d'une explication publique (1 à 5000 caractères)
add-up-to-cents-not-the-estimated = totalisent { $total } centimes, et non les { $estimated_cost_cents } centimes du coût
an-account-with-this-address-exists = un compte existe déjà avec cette adresse e-mail ; connectez-vous avec son mot de passe, ou faites confirmer l'adresse par le fournisseur d'identité
an-amendment-adds-or-removes-at-least = un amendement ajoute ou retire au moins un projet
an-api-client-does-not-act-as-a-resident = un client API agit pour un système de la ville, pas pour un habitant
an-api-client-holds-scopes-not-roles = ce compte est celui d'un client API : il a des portées, pas des rôles
an-approval-changes-nothing-use-amend-to = une approbation ne change rien ; utilisez amend pour ajouter ou retirer des projets
an-area-cannot-lie-inside-itself = un quartier ne peut pas se trouver dans lui-même
an-area-worker-needs-an-area = un agent de quartier a besoin d'un quartier
an-earlier-row-plans-the-same-line = une ligne précédente du fichier planifie la même ligne (plan, année, action, domaine politique, compte)
an-edit-needs-a-reason-of-1 = une modification a besoin d'un motif de 1 à 1000 caractères
an-edition-needs-at-least-one-area = une édition a besoin d'au moins un quartier
an-empty-ballot-is-not-accepted-in = un bulletin vide n'est pas accepté dans ce tour : choisissez au moins un projet
an-override-needs-a-reason = une modification manuelle a besoin d'un motif
appears-twice = apparaît deux fois
appears-twice-in-the-file = apparaît deux fois dans le fichier
area-code-taken = un quartier avec le code { $code } existe déjà
as-written = { $text }
assign-the-proposal-to-a-department-first = attribuez d'abord la proposition à un service
at-most-co-authors = au plus { $max_coauthors } coauteurs
at-most-files-here = au plus { $max } fichiers peuvent être joints ici
at-most-lines = au plus { $max } lignes
at-most-points-per-project = au plus { $max } points par projet
background-job-lagging = la tâche de fond { $job } n'a pas réussi depuis { $seconds } s ; ce processus n'est pas prêt
ballot-lists-projects = un bulletin de type { $ballot_type } énumère des projets : {"{"}"project_ids": [...]{"}"}
ballots-are-cast-in-the-voting-phase = le vote a lieu pendant la phase de vote
basis-points-between = doit être compris entre { $min } et { $max } points de base
belongs-to-plan-which-does-not-cover = appartient au plan { $name } ({ $first_year }–{ $last_year }), qui ne couvre pas l'année de l'édition ({ $year })
cents-are-booked-under-this-entry-reverse = { $under } centimes sont comptabilisés sous cette écriture : extournez-les d'abord, puis celle-ci
cents-are-funded-on-budget-line-it = { $funded } centimes sont financés sur la ligne budgétaire { $id } ; elle ne peut pas prévoir moins
cents-are-funded-on-this-line-it = { $funded } centimes sont financés sur cette ligne ; elle ne peut pas prévoir moins
cents-between = doit être compris entre 0 et { $max } centimes
cents-between-1 = doit être compris entre 1 et { $max } centimes
cents-of-this-entry-are-left-to = il reste { $left } centimes de cette écriture à extourner
channel = { $name ->
        [online] en ligne
        [paper] sur papier
       *[code] avec un code de vote
    }
choose-at-least-projects = choisissez au moins { $min } projets
choose-at-most-projects = choisissez au plus { $max } projets
choose-one-of-the-edition-s-categories = choisissez une des catégories de l'édition
comments-are-closed = les commentaires sur cette proposition sont fermés
coordinate-not-a-number = { $axis ->
        [longitude] la longitude
       *[latitude] la latitude
    } doit être un nombre
could-not-be-read = n'a pas pu être lu
cumulative-gives-points = un bulletin cumulatif donne des points : {"{"}"points": {"{"}"<project_id>": n{"}"}{"}"}
date-like = doit être une date comme { $example }
decision-state-conflict = la proposition { $id } est déjà dans l'état « { $state } » et ne peut pas passer à « { $target } »
decisions-are-taken-in-the-decision-phase = les décisions se prennent pendant la phase de décision ; l'édition est en phase « { $phase } »
department-exists-already = le service { $code } existe déjà
edition-already-in = l'édition est déjà en phase « { $phase } »
edition-cannot-be-split-any-more = l'édition { $edition_id } ne peut plus être répartie : { $detail }
error-erase-staff-account = Ce compte a des rôles à la ville ; un administrateur doit d'abord les retirer avant qu'il puisse être effacé.
every-change-needs-a-reason = chaque modification a besoin d'un motif
explain-add-opt = Exact Equal Shares a relevé le budget par électeur jusqu'à { $per_voter }, chaque fois exactement là où le résultat change ({ $runs } décomptes) ; { $next ->
        [overspends] le changement suivant aurait financé plus que le budget.
       *[complete] il y a financé tout ce qui était possible.
    }
explain-add1 = Equal Shares a relevé le budget par électeur pas à pas jusqu'à { $per_voter } ({ $runs } décomptes) ; { $next ->
        [overspends] un pas de plus aurait financé plus que le budget.
       *[complete] il y a financé tout ce qui était possible.
    }
explain-after-greedy-stopped = Non financé : numéro { $position } du décompte, qui s'est arrêté à un projet précédent qui ne rentrait plus.
explain-below-min-votes = Non pris en compte : { $votes } voix, moins que les { $min } dont un projet a besoin.
explain-below-threshold = Non pris en compte : { $score } { $measure ->
        [points] points
       *[votes] voix
    }, sous le seuil de { $threshold }.
explain-comparison-chose-greedy = Plus d'électeurs ont préféré le résultat selon les voix à celui d'Equal Shares (avec { $per_voter } par électeur) : c'est donc le décompte selon les voix qui s'applique.
explain-equal-shares-bought = Financé au tour { $round } d'Equal Shares : ses { $supporters } partisans ont payé { $measure ->
        [votes] au plus { $most_paid } chacun,
       *[points] { $rho } par point donné, au plus { $most_paid } chacun,
    } { $cost } ensemble{ $paid_all ->
        [0] {""}
       *[other] ; { $paid_all } d'entre eux ont payé tout ce qui leur restait
    }.
explain-equal-shares-unaffordable = Non financé : dès le tour { $round } d'Equal Shares, ses { $supporters } partisans n'avaient plus que { $left } ensemble, moins que son coût de { $cost }.
explain-filled-by-votes = Financé après Equal Shares avec l'argent restant, selon les voix : il coûte { $cost } et { $left } restaient disponibles.
explain-free = Financé : il ne coûte rien.
explain-greedy-taken = Financé : numéro { $position } du décompte avec { $score } { $measure ->
        [points] points
       *[votes] voix
    } ; il coûte { $cost } et { $left } restaient disponibles.
explain-greedy-too-expensive = Non financé : numéro { $position } du décompte avec { $score } { $measure ->
        [points] points
       *[votes] voix
    } ; il coûte { $cost } mais il ne restait que { $left }.
explain-no-equal-split = Non financé : dès le tour { $round } d'Exact Equal Shares, ses { $supporters } partisans avaient { $left } ensemble, mais aucun groupe d'entre eux ne pouvait payer chacun une part égale de son coût de { $cost }.
explain-no-support = Non financé : personne n'a voté pour lui.
explain-over-budget = Non financé : il coûte { $cost }, plus que tout le budget de { $budget }.
explain-phragmen-stopped = Non financé : Phragmén s'est arrêté au tour { $round }, quand le projet à la charge la plus basse ne rentrait plus dans l'argent restant.
explain-phragmen-taken = Financé au tour { $round } de Phragmén : la charge de ses partisans est montée à { $load } chacun.
fields-invalid = { $count } champs ne sont pas valides
file-needs-header = le fichier doit avoir l'en-tête { $header }
floors-exceed-pot = les montants planchers demandent { $needed } centimes mais il ne reste que { $available } centimes après l'enveloppe de la ville
form-not-readable = le formulaire est illisible : { $reason }
funding-kind-mismatch = { $kind } ne peut pas provenir d'une ligne de type { $category } (compte { $account })
fundings-are-booked-on-this-line-only = des financements sont comptabilisés sur cette ligne : seul son montant prévu peut encore changer ; ajoutez plutôt une nouvelle ligne
geometry-needs-coordinates = a besoin de coordonnées
geometry-needs-type = doit être une géométrie GeoJSON avec un type
going-back-a-phase-needs-a-reason = revenir à une phase précédente a besoin d'un motif
hidden-after-reports = { $count } signalements : masquée jusqu'à la décision d'un modérateur
ideas-phase-over = la phase d'idées de cette édition est terminée (elle est en phase « { $phase } »)
illegal-state-change = une proposition dans l'état « { $state } » ne peut pas passer à « { $target } »
internal-error = une erreur inattendue s'est produite ; elle a été journalisée
invoice-is-booked-on-this-proposal-already = la facture { $reference } est déjà comptabilisée sur cette proposition (dépense { $id }) ; extournez-la d'abord pour la comptabiliser à nouveau
is-a-line-of-before-the-edition = est une ligne de { $fiscal_year }, avant l'année de l'édition ({ $year })
is-funded-by-the-outcome-already = est déjà financé par le résultat
is-invalid-used-or-expired = n'est pas valide, a déjà servi ou a expiré
is-not-a-category-of-this-edition = n'est pas une catégorie de cette édition
is-not-a-cursor-from-this-api = n'est pas un curseur de cette API
is-not-a-known-ledger-account = n'est pas un compte connu
is-not-a-known-policy-field = n'est pas un domaine politique connu
is-not-a-milestone-of-this-proposal = n'est pas une étape de cette proposition
is-not-a-project-id = n'est pas un identifiant de projet
is-not-a-user-id = n'est pas un identifiant d'utilisateur
is-not-a-voting-code-of-this = n'est pas un code de vote de ce tour
is-not-an-action-of-this-plan = n'est pas une action de cette version du plan
is-not-an-area-of-this-edition = n'est pas un quartier de cette édition
is-not-an-e-mail-address = n'est pas une adresse e-mail
is-not-an-etag-this-server-gave = n'est pas un ETag fourni par ce serveur : envoyez l'ETag de votre dernière lecture
is-not-funded-by-the-outcome = n'est pas financé par le résultat
is-not-on-this-ballot = ne figure pas sur ce bulletin
is-not-on-this-round-s-ballot = ne figure pas sur le bulletin de ce tour
is-not-your-current-password = n'est pas votre mot de passe actuel
is-required = est obligatoire
is-required-when-the-proposal-is-feasible = est obligatoire quand la proposition est réalisable
is-required-with-cost-lines = est obligatoire quand des lignes de coût sont données
is-unknown-or-already-used = est inconnu ou a déjà servi
length-at-most = doit compter au plus { $max } caractères
length-between = doit compter de { $min } à { $max } caractères
line-exceeded = la ligne prévoit { $planned } centimes et { $funded } sont financés : { $amount } de plus la dépassent de { $over } centimes ; modifiez d'abord le plan
line-has-this-plan-version-year-action = la ligne { $id } a déjà cette version du plan, cette année, cette action, ce domaine politique et ce compte
line-not-bound = n'est pas une des lignes budgétaires liées à la base de l'édition { $edition } : financez à partir de { $lines }
list-at-least-one-budget-line = indiquez au moins une ligne budgétaire
list-the-other-proposals-to-merge-into = indiquez les autres propositions à fusionner dans celle-ci
lists-an-area-twice = cite un quartier deux fois
malformed-json = le contenu n'est pas du JSON valide (ligne { $line }, colonne { $column })
may-contain-only-letters-digits-and = ne peut contenir que des lettres, des chiffres, '-', '_' et '.'
merged-into = fusionnée dans la proposition { $target } : { $reason }
method-not-accepted = { $path } n'accepte pas { $method } ; il accepte { $methods }
metrics-need-the-scraper-token = les métriques demandent le jeton du collecteur : envoyez `Authorization: Bearer <METRICS_TOKEN>`
milestone-status = { $name ->
        [planned] prévu
        [in_progress] en cours
       *[done] terminé
    }
milestones-follow-funded-proposals = les jalons concernent les propositions financées
minimum-age = ce tour est réservé aux habitants de { $min_age } ans et plus
minimum-age-needs-birth-date = ce tour a un âge minimum : ajoutez votre date de naissance à votre profil
missing-columns = colonne(s) manquante(s) : { $columns }
moderation-needs-a-reason-of-1-to = la modération a besoin d'un motif de 1 à 1000 caractères
multipolygon-is-a-list = les coordonnées d'un MultiPolygon doivent être une liste de polygones
must-be-1-to-255-visible-ascii = doit compter de 1 à 255 caractères ASCII visibles, comme un UUID
must-be-1-to-32-letters-digits = doit compter de 1 à 32 lettres, chiffres, '-', '_' ou '.'
must-be-2-to-10-digits = doit compter de 2 à 10 chiffres
must-be-4-digits = doit compter 4 chiffres
must-be-a-real-birth-date = doit être une vraie date de naissance
must-be-a-whole-number = doit être un nombre entier
must-be-after-opens-at = doit être après opens_at
must-be-at-least-1 = doit valoir au moins 1
must-be-at-least-cents-in-this = doit valoir au moins { $min_cost_cents } centimes dans cette édition
must-be-at-least-characters-long = doit compter au moins { $min_chars } caractères
must-be-at-most-cents-in-this = doit valoir au plus { $max } centimes dans cette édition
must-be-at-most-characters-long = doit compter au plus { $max_chars } caractères
must-be-funded-in-progress-or-completed = doit être funded, in_progress ou completed
must-be-in-person-letter-code-or = doit être in_person, letter_code ou census
must-be-mjp-meerjarenplan-or-amjp-aanpassing = doit être mjp (plan pluriannuel) ou amjp (adaptation)
must-lie-in-the-plan-s-period = doit se situer dans la période du plan ({ $first_year }–{ $last_year })
must-not-be-before-schedule = ne peut pas précéder schedule.{ $before }
must-not-be-below-min-cost-cents = ne peut pas être inférieur à min_cost_cents
must-not-be-empty = ne peut pas être vide
must-not-be-empty-when-given = ne peut pas être vide s'il est fourni
must-not-be-negative = ne peut pas être négatif
must-not-be-your-e-mail-address = ne peut pas être votre adresse e-mail ou votre nom
must-not-contain-control-characters = ne peut pas contenir de caractères de contrôle
must-not-exceed-max-choices = ne peut pas dépasser max_choices
name-at-least-one-event-type = indiquez au moins un type d'événement
name-at-least-one-scope = indiquez au moins une portée (scope)
name-the-council-session-1-to-200 = indiquez la séance du conseil communal (1 à 200 caractères)
needs-a-choices-column = a besoin d'une colonne choices
needs-exactly-one-of-the-columns-code = a besoin d'exactement une des colonnes code et user_id
needs-role = il faut le rôle { $role }
no-area-has-this-code = aucun quartier n'a ce code
no-area-with-id = aucun quartier n'a l'identifiant { $missing }
no-departments-yet = n'est pas un service de la ville (il n'y en a pas encore) ; un administrateur l'ajoute avec POST /api/v1/departments
no-participating-areas = l'édition n'a aucun quartier participant
no-resource = rien à l'adresse { $path }
no-such-area = ce quartier n'existe pas
no-such-budget-line = cette ligne budgétaire n'existe pas
no-such-plan-version = cette version du plan n'existe pas
no-such-proposal = cette proposition n'existe pas
no-such-user = cet utilisateur n'existe pas
no-weight = tous les quartiers ont un poids nul : saisissez les populations ou utilisez la répartition égale
not-a-department = n'est pas un service de la ville (connus : { $known }) ; un administrateur l'ajoute avec POST /api/v1/departments
not-a-number-of-points = { $value } n'est pas un nombre de points
not-a-project-id = { $value } n'est pas un identifiant de projet
not-for-ballot-type = ne s'applique pas aux bulletins de type { $ballot_type }
not-found = { $thing } introuvable
nul-refused = ne peut pas contenir le caractère NUL (U+0000)
number-between = doit être compris entre { $min } et { $max }
one-field-invalid = { $field } : { $message }
one-of = doit être l'une de ces valeurs : { $names }
one-or-more-of = doit être une ou plusieurs de ces valeurs, séparées par des virgules : { $names }
only-actions-have-a-priority = seules les actions ont une priorité
only-an-area-worker-of-this-area = seul un agent de ce quartier ou un administrateur peut vérifier des habitants ici
only-an-area-worker-of-this-area-2 = seul un agent de ce quartier ou un administrateur peut modérer
only-approved-proposals-are-funded-this-one = seules les propositions approuvées sont financées ; celle-ci est dans l'état « { $state } »
only-area-residents-vote = seuls les habitants de ce quartier votent dans ce tour
only-area-workers-have-an-area = seuls les agents de quartier ont un quartier
only-authors-attach-files = seuls les auteurs de la proposition y joignent des fichiers
only-finance-attaches-to-milestones = seule l'équipe financière joint des fichiers aux jalons
only-in-phase = { $action ->
        [submit] Le dépôt
        [co_sign] Le soutien
        [withdraw_support] Le retrait d'un soutien
        [assign_review] L'attribution des examens
       *[review] L'examen
    } n'est possible qu'en phase « { $needed } » ; l'édition est en phase « { $phase } »
only-its-author-changes-a-comment = seul son auteur modifie ou retire un commentaire
only-residents-of-this-area-can = seuls les habitants de ce quartier peuvent { $action ->
        [write] écrire une proposition ici
        [move] déplacer une proposition vers ce quartier
        [submit] déposer une proposition ici
       *[co_sign] soutenir cette proposition
    }
only-reviewers-have-a-department = seuls les examinateurs ont un service
only-staff-answer-for-the-city = seul le personnel de la ville donne une réponse officielle
only-the-authors-can-change-a-proposal = seuls les auteurs peuvent modifier une proposition
only-the-authors-can-submit-a-proposal = seuls les auteurs peuvent déposer une proposition
only-the-authors-can-withdraw-a-proposal = seuls les auteurs peuvent retirer une proposition
only-the-client-credentials-grant = grant_type doit être client_credentials : le seul octroi que ce point d'accès donne
only-the-council-decides-on-outcomes = seul le conseil communal décide des résultats
only-the-uploader-removes-a-file = seul qui a ajouté un fichier, ou un modérateur, le retire
only-verified-residents-can-have-your-residency = seuls les habitants vérifiés peuvent { $action ->
        [write] écrire une proposition ici
        [move] déplacer une proposition vers ce quartier
        [submit] déposer une proposition ici
       *[co_sign] soutenir cette proposition
    } : faites d'abord vérifier votre résidence
only-verified-residents-vote = seuls les habitants vérifiés votent : faites d'abord vérifier votre résidence
only-who-writes-it-translates-it = seul qui rédige ce texte (ou un administrateur) le traduit
overrun-needs-reason = les { $what ->
        [commitments] engagements
       *[expenditures] dépenses
    } dépasseraient { $limit } centimes de { $over } centimes : donnez un overrun_reason pour l'autoriser
paper-ballots-are-entered-by = les bulletins papier sont encodés par un travailleur de quartier du quartier du tour ou un administrateur
password-too-common = est l'un des mots de passe les plus courants ou les plus faciles à deviner ; choisissez-en un autre
phase = { $name ->
        [draft] brouillon
        [ideas] idées
        [support] soutien
        [review] examen
        [voting] vote
        [decision] décision
        [implementation] réalisation
        [closed] clôturée
       *[none] aucune autre
    }
phase-not-adjacent = une édition avance d'une phase à la fois : de « { $from } » elle peut passer à « { $next } » ou revenir à « { $previous } », pas à « { $to } »
plan-item-code-taken = un élément avec le code { $code } existe déjà sous ce niveau ({ $parent })
points-as-project-points = écrivez les points sous la forme projet:points
points-for-at-most-projects = des points pour au plus { $max } projets
points-given-available = { $total } points donnés, { $available } disponibles
polygon-is-a-list = un polygone doit être une liste d'anneaux
problem-title = { $code ->
        [bad_request] Requête incorrecte
        [malformed_json] JSON mal formé
        [unauthorized] Non connecté
        [forbidden] Non autorisé
        [email_not_verified] Adresse e-mail non confirmée
        [not_eligible] Non admis à participer
        [not_found] Introuvable
        [method_not_allowed] Méthode non autorisée
        [conflict] En conflit avec l'état actuel
        [phase_closed] Impossible dans la phase actuelle
        [rules_frozen] Les règles sont figées
        [round_closed] Le tour de vote n'est pas ouvert
        [already_exists] Existe déjà
        [exceeds_budget_line] Dépasse la ligne budgétaire
        [last_administrator] Le dernier administrateur
        [on_open_ballot] Sur un bulletin ouvert
        [precondition_failed] Modifié depuis votre lecture
        [payload_too_large] Contenu de la requête trop volumineux
        [unsupported_media_type] Type de média non pris en charge
        [validation_failed] Saisie non valide
        [idempotency_key_reused] Clé d'idempotence réutilisée
        [rate_limited] Trop de requêtes
        [service_unavailable] Service indisponible
       *[internal_error] Erreur interne
    }
project-is-chosen-twice = le projet { $id } est choisi deux fois
project-is-listed-twice = le projet { $id } figure deux fois
project-is-not-on-this-ballot = le projet { $id } ne figure pas sur ce bulletin
proposal-cannot-be-merged-into = la proposition { $id } ne peut pas être fusionnée dans { $target_id }
proposal-state = { $name ->
        [draft] brouillon
        [submitted] déposée
        [threshold_reached] assez soutenue pour l'examen
        [expired] expirée faute de soutien
        [feasible] réalisable
        [infeasible] irréalisable
        [on_ballot] sur le bulletin
        [selected] retenue par le vote
        [not_selected] non retenue par le vote
        [approved] approuvée par le conseil communal
        [rejected] rejetée par le conseil communal
        [funded] financée
        [in_progress] en cours de réalisation
        [completed] réalisée
       *[withdrawn] retirée
    }
proposals-can-be-changed-until-the-support = les propositions peuvent être modifiées jusqu'au début de la phase de soutien
quote-not-closed = un champ entre guillemets n'est pas fermé
rate-limited = trop de tentatives ; réessayez dans { $seconds } secondes
residents-have-voted-in-this-round-so = des habitants ont déjà voté dans ce tour, il ne peut donc pas être { $what ->
        [cancelled] annulé
       *[moved] déplacé
    } : clôturez-le plutôt plus tôt, avec un motif
results-are-published-when-the-round-closes = les résultats sont publiés à la clôture du tour
reviewers-see-the-queue-of-their-own = les examinateurs voient la file de leurs propres services
ring-is-a-list = un anneau doit être une liste de positions
round-status = { $name ->
        [scheduled] planifié
        [open] ouvert
       *[closed] clôturé
    }
rounds-open-in-the-voting-phase-the = les tours s'ouvrent pendant la phase de vote ; l'édition est en phase « { $phase } »
row-field-count = a { $fields } champs, l'en-tête en a { $header }
rule-cannot-count = { $rule } ne peut pas compter les bulletins de type { $ballot_type } (GET /api/v1/ballot-types donne les règles de chaque type)
scope-not-granted = ce client n'a pas la portée { $name }
search-needs-a-word = tapez au moins un mot à chercher
seed-demo-fills-an-empty-database-this = seed-demo remplit une base de données vide ; celle-ci a déjà des comptes
send-either-project-ids-or-points = envoyez soit project_ids, soit points
send-the-body-as-json-with-content = envoyez le contenu en JSON avec Content-Type: application/json
send-the-file-as-multipart-form-data = envoyez le fichier en multipart/form-data avec une partie nommée file
send-the-file-with-content-type-text = envoyez le fichier avec Content-Type: text/csv (ou application/octet-stream)
service-unavailable = le service est surchargé ou la base de données est injoignable ; réessayez dans un instant
sign-in-send-authorization-bearer-token = connectez-vous : envoyez `Authorization: Bearer <token>`
site-account = Votre compte
site-api = L'API pour les développeurs
site-area-code = Code
site-area-deprivation = Indice de précarité
site-area-deprivation-hint = De 0 (le moins précaire) à 1 (le plus précaire), par exemple 0,71. Il pèse dans la répartition du budget.
site-area-deprivation-value = { $index } (de 0, le moins précaire, à 1, le plus précaire)
site-area-editions = Budgets avec ce quartier
site-area-geometry = Contour (GeoJSON)
site-area-geometry-hint = Un Polygon ou MultiPolygon GeoJSON en longitude et latitude. Laissez vide pour un quartier sans contour. L'aperçu l'affiche sur la carte avant l'enregistrement.
site-area-geometry-json = n'est pas du JSON valide
site-area-name = Nom
site-area-names = Son nom dans d'autres langues
site-area-names-hint = Qui lit le site dans cette langue voit ce nom ; chaque modification est conservée.
site-area-names-save = Enregistrer les noms
site-area-no-editions = Aucun budget public ne comprend encore ce quartier.
site-area-no-outline = sans contour
site-area-no-parent = Aucune zone plus grande
site-area-parent = Se trouve dans
site-area-population = Habitants
site-area-preview = Aperçu sur la carte
site-area-previewed = Aperçu : le contour tel que saisi, sur la carte. Rien n'est encore enregistré.
site-area-proposals = Propositions pour ce quartier
site-area-save = Enregistrer le quartier
site-areas-admin-title = Quartiers
site-areas-caption = Tous les quartiers, avec leurs habitants et leur indice de précarité
site-areas-file = Fichier CSV
site-areas-file-hint = Colonnes code, name, population, deprivation_index et éventuellement parent_code, séparées par des virgules ou des points-virgules. Un code existant est mis à jour. Chaque ligne est vérifiée et affichée avant que rien ne soit enregistré.
site-areas-import-title = Importer des quartiers depuis un fichier
site-areas-imported = Importé : { $created } nouveaux, { $updated } mis à jour.
site-areas-new = Nouveau quartier
site-areas-ready = Rien n'est encore enregistré. L'import en crée { $created } et en met { $updated } à jour.
site-areas-saved = Quartier { $code } enregistré.
site-assign-button = Envoyer
site-assign-caption = Propositions à examiner et leur service
site-assign-department = Service
site-assign-empty = Aucune proposition n'a encore atteint son seuil.
site-assign-intro = Chaque proposition qui a atteint son seuil va au service qui vérifie si elle est réalisable. Une proposition examinée peut être renvoyée ; l'examen précédent reste dans son historique. C'est possible tant que l'édition est dans sa phase d'examen.
site-assign-none = pas encore envoyée
site-assign-not-this-edition = n'est pas une proposition de cette édition en attente d'examen
site-assign-send = Envoyer à
site-assign-sent = La proposition est chez le service ; ses examinateurs la voient dans leur liste.
site-assign-title = Envoyer des propositions à l'examen
site-audit-action = Action
site-audit-actor = Par le compte
site-audit-broken = La chaîne est rompue à { $place } : { $reason }
site-audit-caption = Entrées, les plus récentes d'abord
site-audit-details = Détails
site-audit-entity = Sur
site-audit-entity-id = Son numéro
site-audit-entity-type = Type d'objet (par exemple proposal, round, user)
site-audit-intact = La chaîne est intacte : { $count } entrées, chaque empreinte, point de contrôle scellé et tête publiée concorde.
site-audit-none = Aucune entrée ne correspond.
site-audit-older = Entrées plus anciennes
site-audit-title = Journal d'audit
site-audit-verify = Vérifier toute la chaîne maintenant
site-audit-verify-hint = Relit tout le journal ; pour un long journal, cela prend un moment.
site-audit-verifying = Recalcul de chaque maillon de la chaîne…
site-audit-when = Quand
site-booth-abstain = Vous pouvez aussi envoyer un bulletin vide : vous participez sans choisir.
site-booth-approval = Cochez chaque projet que vous voulez voir financé.
site-booth-at-least = Choisissez au moins { $min } projets.
site-booth-at-most = Choisissez au plus { $max } projets.
site-booth-cast = Envoyer mon vote
site-booth-change = Vous pouvez modifier votre vote jusqu'au { $closes } ; seul votre dernier bulletin compte.
site-booth-cumulative = Répartissez jusqu'à { $points } points entre les projets que vous voulez voir financés : plus de points, plus vous y tenez.
site-booth-knapsack = Cochez les projets que vous voulez voir financés ; ensemble, ils peuvent coûter au plus { $limit }.
site-booth-legend = Votre choix
site-booth-max-points = Au plus { $max } points pour un projet.
site-booth-rank-twice = le rang { $rank } est donné à deux projets
site-booth-ranked = Numérotez les projets que vous voulez voir financés dans votre ordre de préférence : 1 pour votre premier choix, 2 pour le suivant, et ainsi de suite. Laissez les autres vides.
site-booth-read-more = En savoir plus
site-booth-sign-in = Connectez-vous pour voter
site-booth-title = Voter
site-booth-voted = Vous avez voté. Votre reçu :
site-booth-whole-number = doit être un nombre entier, 0 ou plus
site-booth-your-choice = Votre choix
site-chart-caption = Pour chaque projet : la barre du haut montre ses voix face au projet qui en a le plus, celle du bas son coût en part du budget. ✓ marque un projet financé. Le tableau ci-dessous donne les mêmes chiffres et la raison pour chacun.
site-chart-title = Voix et coût de chaque projet ; les projets cochés sont financés
site-chart-votes = { $count } { $measure ->
        [points] points
       *[votes] voix
    }
site-check-button = Rechercher
site-check-empty = Un bulletin vide : vous avez participé sans choisir.
site-check-found = Ce bulletin a été compté sous votre reçu :
site-check-intro = Après le décompte, chaque bulletin est publié sous son reçu, sans nom. Saisissez le vôtre pour voir le bulletin publié sous ce reçu.
site-check-missing = Aucun bulletin de ce tour n'a été publié sous ce reçu. Vérifiez que vous l'avez saisi tel que reçu ; s'il est correct, signalez-le à la ville.
site-check-title = Vérifier mon reçu
site-codes-working = Création des codes et de la feuille…
site-comment-about = À propos de
site-comment-about-milestone = étape :
site-comment-about-proposal = la proposition
site-comment-as-city = Répondre au nom de la ville (affiché comme réponse officielle)
site-comment-change = Modifier ou retirer votre commentaire
site-comment-edited = modifié
site-comment-former = Ancien habitant
site-comment-hidden = Un modérateur a masqué ce commentaire :
site-comment-hint = Jusqu'à 5000 caractères. **Gras**, *italique* et liens fonctionnent ; les images d'autres sites ne sont pas affichées. Vous pouvez modifier votre commentaire pendant 15 minutes.
site-comment-new = Réagir
site-comment-official = réponse officielle de la ville
site-comment-remove = Retirer le commentaire
site-comment-removed = Ce commentaire a été retiré par son auteur.
site-comment-reply = Répondre
site-comment-reply-send = Envoyer la réponse
site-comment-report = Signaler aux modérateurs
site-comment-report-send = Envoyer le signalement
site-comment-report-why = Quel est le problème ?
site-comment-save = Enregistrer la modification
site-comment-send = Envoyer le commentaire
site-comment-your-reply = Votre réponse
site-comment-your-text = Votre commentaire
site-comments-none = Pas encore de commentaires. Soyez le premier à réagir.
site-comments-sign-in = Connectez-vous pour participer à la discussion
site-comments-title = Discussion
site-console-action = Action
site-console-admin = Administration
site-console-codes = Codes par courrier
site-console-codes-button = Créer les codes
site-console-codes-count = Combien de codes
site-console-codes-enter = Saisissez-le sur votre page : { $at }
site-console-codes-hint = Chaque code, envoyé à une adresse, permet à un habitant de confirmer qu'il vit dans ce quartier. Les codes ne sont affichés qu'une fois : imprimez la feuille avant de quitter la page.
site-console-codes-once = Ces codes ne sont pas conservés sous forme lisible : imprimez-les maintenant.
site-console-codes-sheet = La feuille à imprimer
site-console-council = Conseil communal
site-console-finance = Finances
site-console-moderation = Modération
site-console-nothing-yet = Vos rôles n'ont pas encore de travail dans la console ; l'API permet tout.
site-console-queue = Habitants en attente de vérification
site-console-queue-caption = Habitants qui disent vivre dans ce quartier
site-console-queue-empty = Personne n'attend.
site-console-queue-hint = Vérifiez un habitant lorsqu'il vous a montré en personne une preuve de son adresse.
site-console-registered = Inscrit
site-console-residents = Habitants de vos quartiers
site-console-reviews = Examens
site-console-reviews-queue = Propositions en attente de votre examen
site-console-staff-only = la console est réservée au personnel de la ville ; votre compte n'y a pas de rôle
site-console-title = Console de la ville
site-console-verified = L'habitant est vérifié : il peut maintenant soutenir et voter dans ce quartier.
site-console-verify = Vérifié en personne
site-console-welcome = Connecté en tant que { $name }. Vous voyez le travail que vos rôles permettent.
site-council-add = Ajouter
site-council-amend = Le modifier : ajouter ou retirer les projets cochés ci-dessous
site-council-approve = Approuver le résultat tel que dépouillé
site-council-button = Enregistrer la décision
site-council-caption = Tours dépouillés et décisions du conseil
site-council-change = Modification
site-council-choose = choisissez approuver ou modifier
site-council-decided = Décidé
site-council-decided-on = Date de la décision
site-council-decision-title = Décider du résultat
site-council-edition = Édition
site-council-form = Enregistrer une décision
site-council-kind = Ce que le conseil décide
site-council-none = Aucun tour de vote n'est encore dépouillé.
site-council-not-decidable = Le conseil décide pendant la phase de décision de l'édition.
site-council-over-envelope = Raison de dépenser plus que l'enveloppe
site-council-over-envelope-hint = Seulement si les projets financés coûtent plus que l'enveloppe.
site-council-projects-caption = Les projets du bulletin, avec le résultat du vote
site-council-public-page = Les résultats tels que les habitants les voient
site-council-reason = Raison
site-council-recorded = La décision est enregistrée ; les auteurs des projets reçoivent un courriel.
site-council-remove = Retirer
site-council-replaces = Une nouvelle décision remplace celle en vigueur ; les deux restent dans l'historique.
site-council-round = Tour de vote
site-council-rule = Règle
site-council-rule-funds = Finance
site-council-rule-own = règle de ce tour
site-council-rule-voters = Votants avec un projet financé
site-council-rules = Ce que chaque règle de dépouillement financerait
site-council-rules-caption = Les mêmes bulletins comptés par chaque règle qui convient, la règle du tour d'abord
site-council-session = Séance du conseil
site-council-session-hint = Par exemple : conseil du 12 mars 2027, point 14.
site-council-state = Décision
site-council-title = Tours de vote dépouillés
site-council-waiting = En attente du conseil
site-decision-added = Ajouté : { $project }. Pourquoi : { $reason }
site-decision-amended = Modifié par le conseil communal le { $on } ({ $session })
site-decision-approved = Approuvé tel que compté par le conseil communal le { $on } ({ $session })
site-decision-funded = Les projets qu'elle finance :
site-decision-over-envelope = Cela dépense plus que l'argent du quartier. Pourquoi : { $reason }
site-decision-removed = Retiré : { $project }. Pourquoi : { $reason }
site-decision-superseded = Une décision ultérieure a remplacé celle-ci.
site-decision-title = La décision du conseil communal
site-display-name = Votre nom tel que les autres le voient
site-edit-button = Enregistrer mes modifications
site-edit-intro = Les auteurs peuvent modifier la proposition jusqu'au début de la phase de soutien. Après le dépôt, le texte précédent reste lisible comme version.
site-edit-title = Modifier ma proposition
site-edition-allocation = Comment le reste est réparti entre les quartiers
site-edition-allocation-rule = { $rule ->
        [equal] La même chose pour chaque quartier
        [per_capita] Selon le nombre d'habitants
       *[needs_weighted] Selon le nombre d'habitants, davantage là où les besoins sont plus grands
    }
site-edition-alpha = Poids des besoins (alpha)
site-edition-alpha-hint = Seulement pour une répartition selon les besoins : 1 donne à un quartier à l'indice maximal une part double par habitant.
site-edition-amount = Montant
site-edition-area = Quartier
site-edition-areas = Participent
site-edition-base = Le budget de la ville, en euros
site-edition-base-hint = Le montant dont le pourcentage réservé est pris ; par exemple 250000000.
site-edition-categories = Catégories
site-edition-categories-hint = Une par ligne : code ; nom. Par exemple : vert; Verdure et nature
site-edition-category-words = écrivez chaque catégorie comme code ; nom
site-edition-choose-allocation = choisissez comment le reste est réparti
site-edition-choose-phase = choisissez la phase où aller
site-edition-citywide = Toute la ville
site-edition-citywide-share = Dont pour toute la ville, en pour cent
site-edition-done = { $what ->
        [created] L'édition est créée.
        [phase] La phase a changé ; les habitants le voient maintenant.
       *[saved] L'édition est enregistrée.
    }
site-edition-envelopes = L'argent par quartier
site-edition-envelopes-caption = Ce que chaque quartier peut dépenser dans cette édition
site-edition-floor = Plancher par quartier, en euros
site-edition-floor-hint = Chaque quartier reçoit au moins ce montant avant la répartition du reste ; 0 pour aucun.
site-edition-moment-words = écrivez une date et une heure, par exemple 2027-03-01T09:00
site-edition-money = L'argent et sa répartition entre les quartiers
site-edition-money-frozen = Le vote a commencé : les règles financières ne peuvent plus changer.
site-edition-name = Nom
site-edition-no-envelopes = Pas encore d'enveloppe : choisissez les quartiers qui participent.
site-edition-phase = Phase
site-edition-phase-back = Revenir d'une phase
site-edition-phase-change = Changer de phase
site-edition-phase-next = Passer à la phase suivante
site-edition-phase-reason = Raison du retour (les habitants la voient)
site-edition-preview = Les enveloppes avec ces règles (pas encore enregistrées)
site-edition-preview-button = Montrer les enveloppes que ces règles donnent
site-edition-public-page = L'édition telle que les habitants la voient
site-edition-reserved = Réservé aux propositions des habitants, en pour cent
site-edition-rounds = Votes
site-edition-save = Enregistrer l'édition
site-edition-schedule = Calendrier
site-edition-schedule-hint = Quand chaque phase doit commencer, en UTC ; les habitants le voient. La phase ne change que lorsque vous la changez.
site-edition-see-proposals = Voir les propositions
site-edition-settings = Paramètres
site-edition-why = Pourquoi ce montant
site-edition-year = Année budgétaire
site-edition-year-words = écrivez l'année en chiffres, par exemple 2027
site-editions-caption = Toutes les éditions, la plus récente d'abord
site-editions-new = Nouvelle édition
site-editions-none = Pas encore d'édition.
site-editions-title = Éditions
site-email = Adresse e-mail
site-envelope-citywide = La part du budget réservée aux projets pour toute la ville.
site-envelope-equal = Un plancher de { $floor } pour chaque quartier, plus une part égale du reste : { $share }.
site-envelope-needs = Un plancher de { $floor } pour chaque quartier, plus { $share } pour ses { $population } habitants, pondéré par son indice de précarité de { $index } : { $percent } % du reste, pour que les quartiers qui en ont le plus besoin reçoivent davantage.
site-envelope-override = La ville a fixé { $amount } à la place : { $reason }
site-envelope-per-capita = Un plancher de { $floor } pour chaque quartier, plus { $share } pour ses { $population } habitants : { $percent } % du reste, réparti selon la population.
site-erase-button = Effacer mon compte définitivement
site-erase-done = Nous ne connaissons plus votre nom ni votre adresse. Merci d'avoir participé.
site-erase-done-title = Votre compte est effacé
site-erase-keep = Garder mon compte
site-erase-password = Votre mot de passe, pour confirmer
site-erase-title = Effacer mon compte
site-erase-what-goes = Votre nom, votre adresse e-mail, votre date de naissance, votre mot de passe et les e-mails que nous vous avons envoyés sont effacés, et vous êtes déconnecté partout. C'est définitif.
site-erase-what-stays = Vos votes restent comptés et anonymes. Vos propositions et vos soutiens restent, sous « un ancien habitant ».
site-field-error = { $label } : { $message }
site-files-add = Ajouter le fichier
site-files-alt = Ce que montre l'image (pour qui ne peut pas la voir)
site-files-choose = Image ou PDF
site-files-hint = JPEG, PNG, WebP ou PDF, 10 Mo au plus. Nous retirons des photos les données de lieu et d'appareil.
site-files-remove = Retirer
site-files-title = Images et fichiers
site-filter-button = Afficher
site-finance-add-milestone = Ajouter l'étape
site-finance-amount = Montant, en euros
site-finance-books = La comptabilité
site-finance-caption = Projets approuvés pas encore terminés, avec leur argent jusqu'ici
site-finance-chart-caption = Quatre barres par ligne, de haut en bas : prévu, réservé, commandé, payé. Le tableau ci-dessous donne les mêmes chiffres.
site-finance-chart-title = Prévu, réservé, commandé et payé par ligne
site-finance-choose = choisissez-en un dans la liste
site-finance-commit = Enregistrer la commande
site-finance-commitment = Sous la commande
site-finance-commitments = Commandes (engagements)
site-finance-date = Date
site-finance-done = { $what ->
        [fundings] L'argent est réservé.
        [commitments] La commande est enregistrée.
        [expenditures] Le paiement est enregistré.
        [milestones] L'étape est ajoutée ; les habitants la voient.
        [milestone-updates] L'étape est mise à jour ; son état précédent reste dans l'historique.
        [reversals] La contre-écriture est passée ; l'écriture et sa correction restent dans les comptes.
       *[state] L'avancement est enregistré ; les habitants le voient.
    }
site-finance-download = Télécharger ce tableau en CSV
site-finance-entry = Écriture à corriger
site-finance-entry-commitment = Commande
site-finance-entry-expenditure = Paiement
site-finance-entry-funding = Financement
site-finance-erp = Référence dans le système financier
site-finance-expenditures = Paiements
site-finance-fund = Réserver l'argent
site-finance-funding = Sous l'argent réservé
site-finance-fundings = Argent réservé sur des articles budgétaires
site-finance-grouped-by = Regroupé par
site-finance-grouping = { $group ->
        [line] Article budgétaire
        [action] Action
        [objective] Objectif
        [policy_field] Domaine politique
       *[edition] Édition
    }
site-finance-invoice = Facture
site-finance-key = Ligne
site-finance-kind = { $kind ->
        [purchase] Achat
        [operating_subsidy] Subside de fonctionnement
        [investment_subsidy] Subside d'investissement
       *[own_execution] Réalisation par la ville
    }
site-finance-kind-label = Type de dépense
site-finance-line = Article budgétaire
site-finance-milestone = Étape
site-finance-milestone-status = Statut
site-finance-milestones = Étapes
site-finance-none = Aucun projet approuvé à suivre.
site-finance-not-this-proposal = appartient à un autre projet
site-finance-note = Remarque
site-finance-nothing-yet = Rien encore.
site-finance-overrun = Raison du dépassement
site-finance-overrun-hint = Seulement si cela dépasse ce qui est au-dessus.
site-finance-party = Fournisseur ou bénéficiaire
site-finance-pick = Choisissez-en un
site-finance-planned = Prévu
site-finance-progress = Avancement, en pour cent
site-finance-reason = Raison
site-finance-report-caption = L'argent par ligne du regroupement choisi
site-finance-report-empty = Pas encore d'article budgétaire.
site-finance-report-title = Rapport budgétaire
site-finance-reversals = Corriger une écriture
site-finance-reversals-hint = Une écriture n'est jamais modifiée ni supprimée : une contre-passation la reprend en tout ou en partie, avec la raison, et les deux restent dans les comptes. Contre-passez d'abord ce qui dépend d'une écriture.
site-finance-reverse = Passer la contre-écriture
site-finance-reverse-amount = Montant à reprendre
site-finance-spend = Enregistrer le paiement
site-finance-state = État
site-finance-step = Étape suivante de la réalisation
site-finance-step-button = Enregistrer l'étape
site-finance-title = Projets financés à suivre
site-finance-total = Total
site-finance-update-button = Mettre l'étape à jour
site-finance-update-milestone = Mettre une étape à jour
site-follow-following = Vous suivez ceci : ses nouvelles vous arrivent par e-mail.
site-follow-start = Suivre (nouvelles par e-mail)
site-follow-stop = Ne plus suivre
site-footer = Un budget participatif de la ville.
site-forgot-button = Envoyer le lien
site-forgot-intro = Saisissez votre adresse e-mail ; si un compte y est lié, nous lui envoyons un lien pour choisir un nouveau mot de passe.
site-forgot-sent = Si un compte est lié à cette adresse, un lien pour choisir un nouveau mot de passe est en route. Il est valable 30 minutes.
site-forgot-sent-title = Consultez votre boîte mail
site-forgot-title = Mot de passe oublié ?
site-form-refused = Il ne provient pas d'une page de ce site dans ce navigateur, ou il a expiré. Revenez en arrière, rechargez la page et réessayez.
site-form-refused-title = Ce formulaire n'a pas pu être accepté
site-former-resident = un ancien habitant
site-home-intro = La ville réserve une partie de son budget aux habitants : proposez des idées, soutenez-les, votez et suivez ce qui est réalisé.
site-home-no-editions = Aucun budget de quartier n'est encore ouvert.
site-home-title = Budgets de quartier
site-import-button = Importer maintenant
site-import-changed = mis à jour
site-import-check = Vérifier le fichier
site-import-checked = Le fichier est correct
site-import-checking = Vérification de chaque ligne…
site-import-effect = Effet
site-import-new = nouveau
site-import-rows = Ce que fera l'import, ligne par ligne
site-import-running = Import en cours…
site-languages = Langue
site-line-action = Action
site-line-ledger-account = Compte général
site-line-plan = Version du plan
site-line-planned = Prévu
site-line-policy-field = Domaine politique
site-line-year = Année
site-lines-add = Ajouter une ligne budgétaire
site-lines-add-button = Ajouter la ligne
site-lines-caption = Lignes budgétaires du plan pluriannuel
site-lines-every-plan = Toutes les versions du plan
site-lines-file-hint = Colonnes plan_version_id, fiscal_year, action_id, policy_field_code, ledger_account_code et planned_cents. Une ligne existante reçoit le montant prévu. Chaque ligne est vérifiée et affichée avant que rien ne soit enregistré.
site-lines-import-title = Importer des lignes budgétaires depuis un fichier
site-lines-none = Aucune ligne budgétaire ne correspond.
site-lines-title = Lignes budgétaires
site-list-pages = Pages de la liste
site-list-rows = Lignes { $first } à { $last } sur { $total }
site-login-button = Se connecter
site-login-forgot = Mot de passe oublié ?
site-login-register = Pas encore de compte ? Inscrivez-vous
site-login-title = Se connecter
site-logout-button = Se déconnecter
site-map-caption = Choisissez un quartier sur la carte pour ouvrir sa page.
site-map-caption-console = Choisissez un quartier sur la carte pour le modifier.
site-map-label = Carte des quartiers
site-me-code = Code de votre lettre de résidence
site-me-code-button = Confirmer où j'habite
site-me-code-hint = La ville l'envoie à votre adresse. Les espaces et tirets n'ont pas d'importance.
site-me-download = Télécharger mes données (JSON)
site-me-erase = Effacer mon compte
site-me-language = Langue
site-me-language-hint = Pour ce site et pour les e-mails que nous vous envoyons.
site-me-my-data = Mes données
site-me-my-data-hint = Téléchargez tout ce que nous conservons sur vous, ou effacez votre compte.
site-me-no-residence = pas encore confirmé : saisissez le code de votre lettre de résidence, ou demandez à votre agent de quartier
site-me-none = Aucune pour l'instant.
site-me-not-verified = pas encore confirmée : ouvrez le lien envoyé par e-mail
site-me-not-voted = ouvert : vous n'avez pas encore voté
site-me-notify = M'envoyer des e-mails sur mes propositions, ce que je suis et les votes auxquels je peux participer
site-me-number = Votre numéro d'habitant
site-me-number-hint = Donnez-le à un voisin qui veut vous citer comme coauteur d'une proposition.
site-me-preferences = Mes préférences
site-me-residence = Habitant de
site-me-save = Enregistrer mes préférences
site-me-supported = Propositions que je soutiens
site-me-title = Ma page
site-me-verified = confirmée
site-me-votes = Mes votes
site-me-written = Propositions que j'ai rédigées
site-merge-button = Fusionner
site-merge-done = Les propositions sont fusionnées dans celle-ci.
site-merge-ids = Numéros des propositions à fusionner dans celle-ci
site-merge-ids-hint = Par exemple 12, 15 (le numéro figure dans l'adresse de la proposition).
site-merge-ids-words = écrivez des numéros de propositions séparés par des virgules, par exemple 12, 15
site-merge-intro = Les propositions que vous indiquez sont retirées et renvoient à celle-ci ; leurs soutiens soutiennent celle-ci, chaque personne une fois.
site-merge-preview = Ce que la fusion fera
site-merge-preview-button = Montrer ce que la fusion fera
site-merge-preview-goes = Ces propositions sont retirées et renvoient à celle-ci :
site-merge-reason = Raison de la fusion
site-merge-supporters = Soutiens de cette proposition : { $before } maintenant, { $after } après la fusion (chaque personne une fois).
site-merge-title = Fusionner des doublons dans cette proposition
site-milestone-due = prévu le { $day }
site-milestones = Étapes
site-milestones-none = Pas encore d'étapes.
site-moderate-button = Enregistrer la décision
site-moderate-choose = choisissez masquer ou montrer
site-moderate-decision = Décision
site-moderate-hide = La masquer aux habitants
site-moderate-no-reports = Personne n'a signalé cette proposition.
site-moderate-reason = Raison
site-moderate-reason-hint = Les auteurs la lisent dans leur courriel ; elle reste dans le journal d'audit.
site-moderate-report-handled = décidé
site-moderate-reports = Signalements
site-moderate-show = La montrer aux habitants
site-moderate-title = Modérer
site-moderate-yours = Votre décision
site-moderation-caption = Propositions signalées de vos quartiers
site-moderation-comments = Commentaires signalés
site-moderation-decided = Votre décision est enregistrée ; les auteurs reçoivent un courriel.
site-moderation-empty = Aucune proposition signalée ici.
site-moderation-handled = Décidés
site-moderation-hidden = Masquée
site-moderation-open = En attente d'une décision
site-moderation-open-reports = Signalements ouverts
site-moderation-reasons = Raisons données
site-moderation-title = Propositions signalées
site-moderation-which = Quels signalements
site-money-allocated = Prévu au budget de la ville
site-money-approved = Approuvé par le conseil communal
site-money-committed = Commandé (engagé)
site-money-spent = Payé
site-name = Wijkbudget
site-not-found = Il n'y a pas de page à l'adresse { $path }. Elle a peut-être été déplacée, ou l'adresse contient une faute de frappe.
site-not-found-title = Page introuvable
site-notify-all-off = Vous avez désactivé tous les e-mails de ce site sur votre page.
site-notify-choose = Choisissez de quoi vous êtes informé, et quand
site-notify-daily-digest = Dans un e-mail par jour
site-notify-decision = Résultats et décisions du conseil communal
site-notify-digest-hour = Le résumé quotidien part une fois par jour, à partir de
site-notify-follows = Ce que je suis
site-notify-follows-none = Vous ne suivez encore rien. Suivez une proposition, un quartier ou une édition depuis sa page.
site-notify-immediately = M'envoyer un e-mail tout de suite
site-notify-intro = Vous êtes informé de vos propres propositions et de ce que vous suivez. Choisissez pour chaque type de nouvelle s'il arrive tout de suite, dans un résumé quotidien ou pas du tout.
site-notify-milestone = Avancement de la réalisation d'une proposition financée
site-notify-never = Jamais
site-notify-new-comment = Nouveaux commentaires
site-notify-review = L'examen de faisabilité d'une proposition par la ville
site-notify-round-opening = Un vote s'ouvre, est déplacé ou annulé
site-notify-state-change = Une proposition change (publiée, retirée, …)
site-notify-the-digest = Le résumé quotidien
site-notify-title = Mes notifications
site-notify-waiting = En attente de votre prochain résumé :
site-now-closed = Ce budget est clôturé.
site-now-decision = Le conseil communal décide du résultat.
site-now-draft = En préparation.
site-now-ideas = Les habitants peuvent maintenant écrire et déposer des propositions.
site-now-implementation = Les projets financés sont en cours de réalisation.
site-now-review = La ville vérifie si les propositions sont réalisables.
site-now-support = Les habitants peuvent maintenant soutenir les propositions qui leur plaisent.
site-now-voting = Les habitants peuvent maintenant voter.
site-paper-by-code = Le code de vote sur le papier
site-paper-by-resident = Le numéro d'habitant
site-paper-check = Vérifier le fichier
site-paper-checked = Le fichier est vérifié
site-paper-choices = Ce que le bulletin choisit
site-paper-choices-hint = { $ballot ->
        [cumulative] Chaque projet comme numéro:points, séparés par des espaces, par exemple 12:3 15:2.
        [ranked] Les numéros des projets dans l'ordre, le meilleur d'abord, séparés par des espaces.
       *[other] Les numéros des projets, séparés par des espaces.
    }
site-paper-choose-file = choisissez un fichier CSV
site-paper-enter = Enregistrer ce bulletin
site-paper-entered = { $count ->
        [one] Un bulletin papier est enregistré.
       *[other] { $count } bulletins papier sont enregistrés.
    }
site-paper-file = Fichier CSV
site-paper-file-hint = Une ligne d'en-tête avec code (ou user_id) et choices, puis un bulletin par ligne, par exemple : K7QD-M2XW-9PTA-HV3C,12 15. Chaque ligne est vérifiée et montrée avant tout enregistrement.
site-paper-file-title = Un fichier de bulletins papier
site-paper-import = Enregistrer ces bulletins
site-paper-intro = Encodez les bulletins papier de ce tour tant qu'il est ouvert : un à la fois, ou tout un fichier d'un coup. Un code ou un habitant qui a voté en ligne ne peut pas aussi voter sur papier.
site-paper-number = Numéro
site-paper-one = Un bulletin papier
site-paper-projects = Les projets du bulletin avec leur numéro
site-paper-ready = Chaque ligne est correcte : { $count } bulletins sont prêts. Rien n'est encore enregistré.
site-paper-row-error = Ligne { $row } ({ $column }) : { $message }
site-paper-title = Bulletins papier
site-paper-voter = Code ou numéro d'habitant
site-paper-voter-kind = L'électeur est connu par
site-password = Mot de passe
site-plan-add-button = Ajouter au plan
site-plan-add-item = Ajouter un objectif, un plan d'action ou une action
site-plan-added = { $code } ajouté au plan.
site-plan-code = Code
site-plan-create = Créer la version du plan
site-plan-decided = Date de la décision du conseil (facultatif)
site-plan-first-year = Première année
site-plan-heading = { $name } ({ $kind }, { $first }–{ $last })
site-plan-kind = Type
site-plan-kind-amjp = Adaptation du plan pluriannuel (AMJP)
site-plan-kind-mjp = Plan pluriannuel (MJP)
site-plan-last-year = Dernière année
site-plan-name = Nom
site-plan-new = Nouvelle version du plan
site-plan-priority = prioritaire
site-plan-priority-label = Une action prioritaire
site-plan-title = Titre
site-plan-under = Quoi et où
site-plan-under-action-plan = Action sous le plan d'action { $code } { $title }
site-plan-under-hint = Un objectif va dans une version du plan, un plan d'action sous un objectif, une action sous un plan d'action.
site-plan-under-objective = Plan d'action sous l'objectif { $code } { $title }
site-plan-under-plan = Objectif dans le plan { $name }
site-plans-empty = Aucun objectif dans cette version pour l'instant.
site-plans-none = Aucune version du plan pour l'instant.
site-plans-title = Plan pluriannuel
site-proposal-author = Proposé par
site-proposal-coauthors = Avec
site-proposal-cost = Coût estimé
site-proposal-edit = Modifier ma proposition
site-proposal-history = Historique
site-proposal-implementation = La réalisation
site-proposal-location = Où
site-proposal-location-value = latitude { $latitude }, longitude { $longitude }
site-proposal-money-caption = L'argent du projet
site-proposal-progress = Déjà réalisé
site-proposal-review = L'examen par la ville
site-proposal-reviewed-lines = Le coût tel que le service l'a vérifié
site-proposal-supporters = Soutiens
site-proposal-verdict = { $verdict ->
        [feasible] Réalisable
       *[infeasible] Pas réalisable
    }
site-proposals-every-area = Tous les quartiers
site-proposals-filter = Afficher
site-proposals-next = Plus de propositions
site-proposals-none = Aucune proposition ne correspond.
site-proposals-order = Les propositions sont affichées dans un ordre tiré au sort pour vous, afin qu'aucune ne soit toujours en tête.
site-proposals-search = Rechercher
site-proposals-supports = { $count ->
        [one] 1 soutien
       *[other] { $count } soutiens
    }
site-proposals-title = Propositions
site-receipt-cast = Merci : votre bulletin a été reçu.
site-receipt-code = Votre reçu :
site-receipt-keep = Conservez-le. Après le décompte, le tour publie chaque bulletin sous son reçu, sans nom : vous pouvez vérifier que le vôtre a été compté tel que vous l'avez envoyé.
site-receipt-points = { $project } : { $points } points
site-receipt-replaced = Votre nouveau bulletin remplace celui envoyé auparavant.
site-receipt-title = Votre vote est enregistré
site-register-button = S'inscrire
site-register-done = Nous avons envoyé un lien à l'adresse indiquée. Ouvrez-le pour confirmer votre adresse, puis connectez-vous.
site-register-done-title = Consultez vos e-mails
site-register-have-account = Déjà inscrit ? Connectez-vous
site-register-intro = Avec un compte, vous pouvez rédiger des propositions, les soutenir et voter. Nous envoyons un lien pour confirmer votre adresse e-mail.
site-register-title = S'inscrire
site-reset-button = Enregistrer le nouveau mot de passe
site-reset-done = Vous avez été déconnecté partout ; reconnectez-vous avec le nouveau mot de passe.
site-reset-done-title = Votre mot de passe est modifié
site-reset-hint = Au moins 8 caractères. Quelques mots inhabituels à la suite sont faciles à retenir et difficiles à deviner.
site-reset-new-password = Nouveau mot de passe
site-reset-title = Choisissez un nouveau mot de passe
site-review-all = Tout ce qui attend
site-review-assigned = Attribuée
site-review-button = Enregistrer l'examen
site-review-choose = choisissez réalisable ou pas réalisable
site-review-cost = Coût sur le bulletin, en euros
site-review-cost-hint = Obligatoire si réalisable ; par exemple 12500 ou 12 500,50.
site-review-cost-lines = Lignes de coût vérifiées
site-review-cost-lines-hint = Une ligne par coût : quoi ; montant, par exemple Bancs ; 1.200. Elles reprennent les lignes de l'auteur : modifiez-les, ou videz la case pour ne donner qu'un total. Les lignes totalisent le coût vérifié et sont publiques.
site-review-department = Service
site-review-due = Pour le
site-review-earlier = Examens précédents
site-review-explanation = Explication publique
site-review-explanation-hint = Les habitants la lisent sur la page de la proposition : dites pourquoi, simplement.
site-review-feasible = Réalisable : elle va sur le bulletin
site-review-infeasible = Pas réalisable
site-review-notes = Notes internes (facultatif)
site-review-notes-hint = Seuls les examinateurs et les administrateurs les voient.
site-review-overdue = En retard
site-review-overdue-only = Seulement en retard
site-review-public-page = La proposition telle que les habitants la voient
site-review-queue-caption = Attribuées et pas encore examinées, les plus anciennes d'abord
site-review-queue-empty = Rien n'attend votre service.
site-review-recorded = L'examen est enregistré ; les auteurs sont prévenus par e-mail.
site-review-title = Examen
site-review-verdict = Avis
site-review-which = Quels avis
site-review-yours = Votre examen
site-role = { $role ->
        [area_worker] Travailleur de quartier
        [reviewer] Examinateur
        [council] Conseil communal
        [finance] Finances
       *[admin] Administrateur
    }
site-round-ballots = Ont voté
site-round-check-receipt = Vérifier mon reçu
site-round-cost = Coût
site-round-eligible = Pouvaient voter
site-round-funded = Financé
site-round-on-the-ballot = Sur le bulletin
site-round-per-area-caption = Participation par quartier
site-round-project = Projet
site-round-results = Résultats
site-round-results-caption = Chaque projet, avec la raison pour laquelle il a été financé ou non
site-round-setup-abstention = Un bulletin blanc est permis
site-round-setup-area = Enveloppe
site-round-setup-ballot = { $ballot ->
        [approval] Cocher les projets voulus
        [knapsack] Cocher des projets dans un budget
        [cumulative] Répartir des points
       *[ranked] Classer les projets
    }
site-round-setup-ballot-caption = Les projets du bulletin avec leur coût vérifié
site-round-setup-ballot-check = Le bulletin si le tour ouvrait maintenant
site-round-setup-ballot-empty = Pas encore de proposition réalisable pour cette enveloppe.
site-round-setup-ballot-type = Bulletin
site-round-setup-budget-limit = Budget d'un bulletin, en euros
site-round-setup-cancel = Annuler le tour
site-round-setup-cancel-hint = Seulement avant le premier bulletin ; l'enveloppe est libre pour un nouveau tour.
site-round-setup-cancel-title = Annuler le tour
site-round-setup-choose-area = choisissez une enveloppe de cette édition
site-round-setup-close = Fermer le tour et dépouiller
site-round-setup-close-hint = Nécessaire seulement avant la fin prévue ; les habitants la voient.
site-round-setup-close-reason = Raison de fermer avant la fin prévue
site-round-setup-close-title = Fermer et dépouiller
site-round-setup-closes = Ferme (UTC)
site-round-setup-create = Créer le tour de vote
site-round-setup-done = { $what ->
        [created] Le tour est créé ; vérifiez son bulletin, puis ouvrez-le.
        [opened] Le tour est ouvert ; les habitants reçoivent un courriel.
        [closed] Le tour est fermé et dépouillé.
        [rescheduled] Le tour est déplacé.
       *[cancelled] Le tour est annulé.
    }
site-round-setup-edition = L'édition
site-round-setup-limits = Les limites du bulletin
site-round-setup-limits-hint = Remplissez ce dont le bulletin choisi a besoin ; laissez le reste vide.
site-round-setup-max-choices = Nombre maximal de projets à choisir
site-round-setup-max-points = Maximum de points pour un projet
site-round-setup-min-age = Âge minimum pour voter
site-round-setup-min-choices = Nombre minimal de projets à choisir
site-round-setup-new = Nouveau tour de vote
site-round-setup-open = Ouvrir le tour
site-round-setup-open-hint = L'ouverture met ces projets sur le bulletin et fige les règles qui décident du résultat ; les habitants reçoivent un courriel.
site-round-setup-opens = Ouvre (UTC)
site-round-setup-points = Points à répartir
site-round-setup-public-page = Le tour tel que les habitants le voient
site-round-setup-reason = Raison
site-round-setup-reschedule = Déplacer le tour
site-round-setup-reschedule-hint = Seulement avant le premier bulletin ; un tour ouvert redevient planifié et les habitants informés de son ouverture sont prévenus.
site-round-setup-reschedule-title = Déplacer le tour
site-round-setup-rule-counts = compte : { $ballots }
site-round-setup-uses-codes = Les habitants sans résidence vérifiée votent avec un code reçu par lettre
site-round-setup-whole-number = écrivez un nombre entier
site-round-share = { $share } %
site-round-summary = { $ballots } bulletins ; { $spent } dépensés sur { $budget }.
site-round-turnout = { $ballots } des { $eligible } habitants qui pouvaient voter l'ont fait ({ $share } %).
site-round-turnout-column = Participation
site-round-votes = Voix
site-round-why = Pourquoi
site-round-window = Ouvert du { $opens } au { $closes }.
site-sign-in-with = Se connecter avec { $provider }
site-skip-to-content = Aller au contenu
site-support-button = Soutenir cette proposition
site-support-given = Vous soutenez cette proposition.
site-support-sign-in = Connectez-vous pour soutenir cette proposition
site-support-withdraw = Retirer mon soutien
site-tally-count = Vous avez choisi { $count } projets.
site-tally-count-of = Vous avez choisi { $count } projets sur { $max } au plus.
site-tally-money = Vous avez choisi { $used } sur { $limit }.
site-tally-over = C'est plus que ce bulletin ne permet.
site-tally-points = Vous avez donné { $points } de vos { $total } points.
site-the-link = Le lien
site-there-is-a-problem = Il y a un problème
site-to-home = Vers la page d'accueil
site-unsubscribe-ask = Arrêter les e-mails sur :
site-unsubscribe-button = Arrêter ces e-mails
site-unsubscribe-done = C'est fait : plus d'e-mails à ce sujet.
site-unsubscribe-title = Arrêter ces e-mails
site-upload-not-utf8 = le fichier n'est pas du texte en UTF-8 ; enregistrez-le en CSV UTF-8
site-upload-unreadable = le formulaire n'a pas pu être lu ; choisissez à nouveau le fichier
site-users-any-role = N'importe quel rôle ou aucun
site-users-area = Quartier
site-users-area-hint = Pour un travailleur de quartier : le quartier où il travaille.
site-users-caption = Comptes, les cent premiers qui correspondent
site-users-choose-role = choisissez un rôle
site-users-department = Service
site-users-department-hint = Pour un examinateur : le service pour lequel il examine.
site-users-done = { $what ->
        [granted] Le rôle est attribué.
       *[revoked] Le rôle est retiré.
    }
site-users-find = Chercher
site-users-grant = Attribuer le rôle
site-users-grant-title = Attribuer un rôle
site-users-name = Nom
site-users-no-roles = Un habitant sans rôle.
site-users-none = Aucun compte ne correspond.
site-users-revoke = Retirer
site-users-role = Rôle
site-users-roles = Rôles
site-users-search = Le nom ou l'adresse e-mail contient
site-users-title = Comptes et rôles
site-verify-button = Confirmer mon adresse e-mail
site-verify-done = Merci. Vous pourrez participer dès que votre résidence sera vérifiée.
site-verify-done-title = Votre adresse e-mail est confirmée
site-verify-intro = Appuyez sur le bouton pour confirmer l'adresse à laquelle ce lien a été envoyé.
site-verify-title = Confirmez votre adresse e-mail
site-version-also-in = Cette proposition existe aussi en :
site-version-language = Langue de ce texte
site-write-body = Description
site-write-body-hint = Quoi, où, pour qui et pourquoi. Vous pouvez utiliser *l'emphase*, des listes et des liens.
site-write-button = Enregistrer comme brouillon
site-write-category = Thème
site-write-category-choose = Choisissez un thème
site-write-coauthors = Coauteurs (facultatif)
site-write-coauthors-hint = Les numéros d'habitant que vos coauteurs trouvent sur leur propre page, séparés par des virgules.
site-write-coauthors-words = doivent être des numéros d'habitant séparés par des virgules, par exemple 12, 31
site-write-cost = Coût estimé en euros
site-write-cost-hint = Par exemple 12500 ou 12 500,50. L'examen par la ville le vérifie.
site-write-cost-line-words = demande une description, un point-virgule et un montant, par exemple Bacs à plantes ; 4000
site-write-cost-lines = Postes de coût (facultatif)
site-write-cost-lines-hint = Un par ligne : quoi, un point-virgule, le montant. Par exemple : Bacs à plantes ; 4000
site-write-cost-words = doit être un montant en euros, comme 12500 ou 12 500,50
site-write-degrees-words = doit être un nombre de degrés, par exemple 51,0543
site-write-draft = Ceci est votre brouillon : vous seul et vos coauteurs le voyez jusqu'à ce que vous le déposiez.
site-write-intro = Votre proposition est enregistrée comme brouillon que vous seul voyez. Relisez-la sur sa page, puis déposez-la pour que vos voisins puissent la soutenir.
site-write-latitude = Latitude
site-write-longitude = Longitude
site-write-place = Où (facultatif)
site-write-place-hint = L'endroit en latitude et longitude, par exemple 51,0543 et 3,7174. Il doit se trouver dans le quartier choisi.
site-write-preview = Aperçu
site-write-preview-hint = Voici à quoi ressemblera votre proposition. Elle n'est pas encore enregistrée : enregistrez-la avec le bouton sous le formulaire.
site-write-preview-title = Aperçu
site-write-submit = Déposer ma proposition
site-write-summary = Résumé
site-write-summary-hint = Une ou deux phrases qui disent ce que vous proposez.
site-write-title = Rédiger une proposition
site-write-title-field = Titre
site-write-withdraw = Retirer ma proposition
someone-changed-this-since-you-read-it = quelqu'un a modifié ceci depuis votre lecture : relisez-le, puis apportez votre modification
still-referred-to = d'autres données font encore référence à celle-ci
supports-needed = { $count } soutiens sur les { $threshold } nécessaires
that-is-the-language-it-was-written-in = c'est la langue dans laquelle il a été écrit : modifiez le texte lui-même
the-access-token-is-invalid = le jeton d'accès n'est pas valide
the-access-token-is-invalid-or-expired = le jeton d'accès n'est pas valide ou a expiré
the-area-has-sub-areas-or-takes = le quartier a des sous-quartiers ou participe à une édition ; supprimez d'abord ces liens
the-author-is-not-a-co-author = l'auteur n'est pas un coauteur
the-authorization-header-must-be-bearer-token = l'en-tête Authorization doit être `Bearer <token>`
the-body-exceeds-bytes = le contenu dépasse { $import_limit } octets
the-budget-module-is-for-finance-the = le module budgétaire est réservé aux finances, au conseil communal et aux administrateurs
the-chosen-projects-cost-cents-more-than = les projets choisis coûtent { $spent } centimes, plus que les { $limit } disponibles
the-chosen-projects-cost-cents-spend-at = les projets choisis coûtent { $spent } centimes ; dépensez au moins { $minimum }
the-class-first-digit-must-be-1 = la classe (premier chiffre) doit être 1, 2, 4, 6 ou 7
the-comment-is-removed = le commentaire est retiré
the-council-decides-on-a-closed-round = le conseil communal décide sur un tour clôturé
the-decision-spends-cents-of-an-envelope = la décision dépense { $cost } centimes d'une enveloppe de { $budget_cents } : donnez le motif du dépassement
the-e-mail-address-is-already-verified = l'adresse e-mail est déjà confirmée
the-e-mail-address-or-password-is = l'adresse e-mail ou le mot de passe est incorrect
the-edition-has-no-envelope-for-this = l'édition n'a pas d'enveloppe pour ce périmètre
the-file-contains-the-nul-character-u = le fichier contient le caractère NUL (U+0000)
the-file-has-no-ballots = le fichier ne contient aucun bulletin
the-file-has-no-rows = le fichier n'a aucune ligne
the-file-is-empty = le fichier est vide
the-file-is-larger-than-bytes = le fichier dépasse { $limit } octets
the-file-is-not-utf-8-text = le fichier n'est pas du texte UTF-8
the-file-needs-a-header-code-choices = le fichier a besoin d'un en-tête : code,choices ou user_id,choices
the-first-request-with-this-idempotency-key = la première requête avec cette Idempotency-Key est encore en cours ; réessayez dans un instant
the-fundings-add-up-to-cents-the = les financements totalisent { $funded } centimes ; le coût approuvé est de { $approved }
the-identity-provider-does-not-answer = le fournisseur d'identité ne répond pas ; réessayez dans un instant, ou connectez-vous avec votre mot de passe
the-identity-provider-sign-in-failed = la connexion par le fournisseur d'identité n'a pas abouti ; recommencez
the-location-lies-outside-the-area = l'emplacement se trouve hors du quartier
the-period-runs-from-first-year-to = la période va de first_year à dix ans plus tard au maximum
the-proposal-is-on-the-open-ballot = la proposition figure sur le bulletin ouvert du tour { $round } : un administrateur doit d'abord l'en retirer (POST /api/v1/rounds/{ $round }/withdrawals, avec un motif)
the-proposal-s-approved-cost-is-cents = le coût approuvé de la proposition est de { $approved } centimes et { $funded } sont déjà financés
the-refresh-token-is-invalid-or-the = le jeton de renouvellement n'est pas valide ou la session est terminée
the-reports-are-read-by-area-workers = les signalements sont lus par les agents de quartier et les administrateurs
the-request-body-could-not-be-read = le contenu de la requête n'a pas pu être lu
the-request-body-is-larger-than-this = le contenu de la requête dépasse ce que cette adresse accepte
the-round-closes-at-utc-closing-it = le tour se clôture le { $closes_at } UTC : le clôturer plus tôt demande un motif
the-round-has-no-feasible-project-to = le tour n'a aucun projet réalisable à mettre sur son bulletin
the-round-has-opened-its-rules-and = le tour est ouvert : ses règles et son bulletin sont figés
the-round-is-already = le tour est déjà { $status }
the-round-is-closed = le tour est clôturé
the-round-is-closed-and-cannot-be = le tour est clôturé et ne peut plus être { $what ->
        [cancelled] annulé
       *[moved] déplacé
    }
the-round-is-not-open = le tour est { $status }, pas ouvert
the-round-is-only-an-open-round = le tour est { $status } : seul le bulletin d'un tour ouvert change de cette manière
the-round-is-open-from-to-utc = le tour est { $status } (ouvert du { $opens_at } au { $closes_at } UTC)
the-round-s-closing-time-utc-has = l'heure de clôture du tour ({ $closes_at } UTC) est passée
the-session-has-ended-sign-in-again = la session est terminée ; reconnectez-vous
the-token-request-needs-client-credentials = envoyez l'identifiant et le secret du client en authentification HTTP Basic ou comme client_id et client_secret dans le formulaire
thing = { $name ->
        [action] action
        [action_plan] plan d'action
        [api_client] client API
        [area] quartier
        [ballot] bulletin
        [budget_line] ligne budgétaire
        [comment] commentaire
        [commitment] engagement
        [edition] édition
        [envelope] enveloppe
        [expenditure] dépense
        [funding] financement
        [file] fichier
        [milestone] jalon
        [objective] objectif
        [plan_version] version du plan
        [proposal] proposition
        [role_grant] rôle attribué
        [round] tour
        [support] soutien
        [user] utilisateur
        [webhook] webhook
       *[object] objet
    }
this-api-client-was-revoked = ce client API a été révoqué
this-code-has-been-used-already = ce code a déjà servi ({ $channel })
this-code-has-been-used-already-2 = ce code a déjà servi
this-entry-is-a-reversal-of-book = cette écriture extourne { $original } ; passez plutôt une nouvelle écriture
this-envelope-has-a-voting-round-already = cette enveloppe a déjà un tour de vote
this-idempotency-key-was-used-for-a = cette Idempotency-Key a servi pour une autre requête : utilisez une nouvelle clé pour un nouveau contenu
this-is-the-last-administrator-s-role = c'est le rôle du dernier administrateur ; attribuez d'abord le rôle à quelqu'un d'autre
this-is-the-last-project-on-the = c'est le dernier projet du bulletin : annulez ou clôturez plutôt le tour
this-needs-the-admin-role = il faut le rôle admin
this-needs-the-admin-role-or-the = il faut le rôle admin, ou le rôle area_worker avec area_id sur un de ses quartiers
this-needs-the-reviewer-role = il faut le rôle reviewer
this-plan-version-has-a-line-for = cette version du plan a déjà une ligne pour cette année, cette action, ce domaine politique et ce compte
this-proposal-cannot-be-co-signed = cette proposition ne peut pas être soutenue
this-proposal-is-not-assigned-to-your = cette proposition n'est pas attribuée à votre service
this-round-does-not-use-voting-codes = ce tour n'utilise pas de codes de vote (activez d'abord uses_codes)
this-round-votes-with-the-codes-sent = dans ce tour, on vote avec les codes envoyés par courrier
this-voter-appears-twice-in-the-file = cet électeur apparaît deux fois dans le fichier
translation-has-no-such-text = ceci n'a pas de tel texte à traduire
type-must-be-polygon-or-multipolygon-not = type doit être Polygon ou MultiPolygon, pas { $other }
unique-value-taken = une donnée avec cette valeur unique existe déjà
unknown-client-or-wrong-secret = client inconnu ou révoqué, ou secret erroné
unknown-column = colonne inconnue { $column }
unknown-field = n'est pas un champ de cette requête
unknown-parameter = paramètre inconnu : cette opération accepte { $known }
unknown-parameter-none = paramètre inconnu : cette opération n'accepte aucun paramètre de requête
unknown-scope = { $name } n'est pas une portée
unsubscribe-link-not-valid = ce lien de désinscription n'est pas valable ; choisissez vos notifications sur votre page
upload-file-is-empty = le fichier est vide
upload-name-and-content-disagree = le nom ou le type du fichier ne correspond pas à son contenu
upload-needs-a-file = choisissez un fichier à téléverser
upload-only-pictures-and-pdf = seules les images JPEG, PNG et WebP et les documents PDF peuvent être joints
upload-picture-unreadable = l'image est illisible, ou dépasse 12000 pixels de côté
verify-your-e-mail-address-first = confirmez d'abord votre adresse e-mail
voted-already = a déjà voté ({ $channel })
voting-has-started-the-base-of-this = le vote a commencé : la base de cette édition est figée
voting-has-started-the-money-rules-of = le vote a commencé : les règles financières de cette édition (base, pourcentage, répartition, quartiers, enveloppes) sont figées
was-used-already = a déjà servi ({ $channel })
webhook-disabled-mail-body = Le webhook { $id } vers { $url } a échoué { $failures } fois de suite ; il n'envoie donc plus rien. Ses livraisons sont conservées : quand le destinataire fonctionne à nouveau, réactivez le webhook (PATCH /api/v1/webhooks/{ $id } avec enabled: true) et rejouez ce qu'il a manqué.
webhook-disabled-mail-subject = Webhook vers { $url } désactivé après { $failures } livraisons échouées
webhook-url-needs-https = un webhook va vers une adresse https:// (http:// seulement vers cette machine)
webhook-url-not-an-address = n'est pas une adresse web
wrong-shape = { $shape ->
        [whole_number] doit être un nombre entier
        [number] doit être un nombre
        [text] doit être du texte
        [boolean] doit être true ou false
        [list] doit être une liste
        [object] doit être un objet
        [date_time] doit être une date et une heure comme 2026-05-01T09:00:00
       *[other] n'a pas le type ou la forme attendus
    }
year-between = doit être une année entre { $min } et { $max }
you-reported-this-comment-already = vous avez déjà signalé ce commentaire ; les modérateurs vont l'examiner
you-reported-this-proposal-already-the-moderators = vous avez déjà signalé cette proposition ; les modérateurs ont votre signalement
you-voted-on-paper-in-this-round = vous avez voté sur papier dans ce tour ; ce bulletin compte
