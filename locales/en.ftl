# Messages of the API and the site, in English. One entry per message; the same keys, with the
# same placeholders, are in nl.ftl and fr.ftl (checked by the i18n tests).

a-comment-can-be-changed-for-minutes = a comment can be changed for { $minutes } minutes after writing it
a-cumulative-ballot-needs-at-least-1 = a cumulative ballot needs at least 1 point to spread
a-merge-needs-a-reason = a merge needs a reason
a-moved-round-opens-later-than-now = a moved round opens later than now; to open it now, use /open
a-multipolygon-needs-at-least-one-polygon = a MultiPolygon needs at least one polygon
a-paper-ballot-cannot-be-withdrawn-online = a paper ballot cannot be withdrawn online
a-polygon-needs-at-least-one-ring = a polygon needs at least one ring
a-position-is-outside-longitude-180-180 = a position is outside longitude -180..180 or latitude -90..90
a-position-must-be-longitude-latitude = a position must be [longitude, latitude]
a-proposal-cannot-be-changed = a proposal that is { $state } cannot be changed
a-proposal-cannot-receive-a-merge = a proposal that is { $state } cannot receive a merge
a-proposal-is-not-reviewed = a proposal that is { $state } is not reviewed
a-reply-answers-a-comment-on-this-proposal = a reply answers a comment on this proposal, not another reply
a-resident-can-submit-at-most-proposals = a resident can submit at most { $max } proposals in this edition
a-reviewer-needs-a-department = a reviewer needs a department
a-ring-must-end-where-it-starts = a ring must end where it starts
a-ring-needs-at-least-four-positions = a ring needs at least four positions
a-verdict-needs-a-public-explanation-1 = a verdict needs a public explanation (1 to 5000 characters)
add-up-to-cents-not-the-estimated = add up to { $total } cents, not the { $estimated_cost_cents } cents of the cost
an-account-with-this-address-exists = an account with this e-mail address exists already; sign in with its password, or ask the identity provider to confirm the address
an-amendment-adds-or-removes-at-least = an amendment adds or removes at least one project
an-api-client-does-not-act-as-a-resident = an API client acts for a system of the city, not for a resident
an-api-client-holds-scopes-not-roles = this account is an API client's: it holds scopes, not roles
an-approval-changes-nothing-use-amend-to = an approval changes nothing; use amend to add or remove projects
an-area-cannot-lie-inside-itself = an area cannot lie inside itself
an-area-worker-needs-an-area = an area worker needs an area
an-earlier-row-plans-the-same-line = an earlier row plans the same line (plan, year, action, policy field, account)
an-edit-needs-a-reason-of-1 = an edit needs a reason of 1 to 1000 characters
an-edition-needs-at-least-one-area = an edition needs at least one area
an-empty-ballot-is-not-accepted-in = an empty ballot is not accepted in this round: choose at least one project
an-override-needs-a-reason = an override needs a reason
appears-twice = appears twice
appears-twice-in-the-file = appears twice in the file
area-code-taken = an area with code { $code } exists already
as-written = { $text }
assign-the-proposal-to-a-department-first = assign the proposal to a department first
at-most-co-authors = at most { $max_coauthors } co-authors
at-most-files-here = at most { $max } files can be attached here
at-most-lines = at most { $max } lines
at-most-points-per-project = at most { $max } points per project
background-job-lagging = the background job { $job } has not succeeded for { $seconds } s; this process is not ready
ballot-lists-projects = a { $ballot_type } ballot lists projects: {"{"}"project_ids": [...]{"}"}
ballots-are-cast-in-the-voting-phase = ballots are cast in the voting phase
basis-points-between = must be between { $min } and { $max } basis points
belongs-to-plan-which-does-not-cover = belongs to plan { $name } ({ $first_year }–{ $last_year }), which does not cover the edition's year { $year }
cents-are-booked-under-this-entry-reverse = { $under } cents are booked under this entry: reverse those first, then this one
cents-are-funded-on-budget-line-it = { $funded } cents are funded on budget line { $id }; it cannot plan less
cents-are-funded-on-this-line-it = { $funded } cents are funded on this line; it cannot plan less
cents-between = must be between 0 and { $max } cents
cents-between-1 = must be between 1 and { $max } cents
cents-of-this-entry-are-left-to = { $left } cents of this entry are left to reverse
channel = { $name ->
        [online] online
        [paper] on paper
       *[code] with a voting code
    }
choose-at-least-projects = choose at least { $min } projects
choose-at-most-projects = choose at most { $max } projects
choose-one-of-the-edition-s-categories = choose one of the edition's categories
comments-are-closed = comments on this proposal are closed
coordinate-not-a-number = { $axis ->
        [longitude] longitude
       *[latitude] latitude
    } must be a number
could-not-be-read = could not be read
cumulative-gives-points = a cumulative ballot gives points: {"{"}"points": {"{"}"<project_id>": n{"}"}{"}"}
date-like = must be a date like { $example }
decision-state-conflict = proposal { $id } is { $state } already and cannot become { $target }
decisions-are-taken-in-the-decision-phase = decisions are taken in the decision phase; the edition is in the { $phase } phase
department-exists-already = department { $code } exists already
edition-already-in = the edition is already in the { $phase } phase
edition-cannot-be-split-any-more = edition { $edition_id } cannot be split any more: { $detail }
error-erase-staff-account = This account holds staff roles; an administrator removes them before it can be erased.
every-change-needs-a-reason = every change needs a reason
explain-add-opt = Exact Equal Shares raised the budget per voter to { $per_voter }, each time exactly to where the outcome changes ({ $runs } counts); { $next ->
        [overspends] the next change would have funded more than the budget.
       *[complete] there it funded everything it could.
    }
explain-add1 = Equal Shares raised the budget per voter step by step to { $per_voter } ({ $runs } counts); { $next ->
        [overspends] one step more would have funded more than the budget.
       *[complete] there it funded all it could.
    }
explain-after-greedy-stopped = Not funded: number { $position } in the count, which stopped at an earlier project that no longer fit.
explain-below-min-votes = Not considered: { $votes } votes, fewer than the { $min } a project needs.
explain-below-threshold = Not considered: { $score } { $measure ->
        [points] points
       *[votes] votes
    }, below the threshold of { $threshold }.
explain-comparison-chose-greedy = More voters preferred the outcome by votes to that of Equal Shares (with { $per_voter } per voter), so the count by votes applies.
explain-equal-shares-bought = Funded in round { $round } of Equal Shares: its { $supporters } supporters paid { $measure ->
        [votes] at most { $most_paid } each,
       *[points] { $rho } per point they gave it, at most { $most_paid } each,
    } { $cost } together{ $paid_all ->
        [0] {""}
       *[other] ; { $paid_all } of them paid all they had left
    }.
explain-equal-shares-unaffordable = Not funded: from round { $round } of Equal Shares on, its { $supporters } supporters had { $left } left together, less than its cost of { $cost }.
explain-filled-by-votes = Funded after Equal Shares with the money left, by votes: it costs { $cost } and { $left } was still available.
explain-free = Funded: it costs nothing.
explain-greedy-taken = Funded: number { $position } in the count with { $score } { $measure ->
        [points] points
       *[votes] votes
    }; it costs { $cost } and { $left } was still available.
explain-greedy-too-expensive = Not funded: number { $position } in the count with { $score } { $measure ->
        [points] points
       *[votes] votes
    }; it costs { $cost } but only { $left } was left.
explain-no-equal-split = Not funded: from round { $round } of Exact Equal Shares on, its { $supporters } supporters had { $left } together, but no group of them could each pay an equal share of its cost of { $cost }.
explain-no-support = Not funded: nobody voted for it.
explain-over-budget = Not funded: it costs { $cost }, more than the whole budget of { $budget }.
explain-phragmen-stopped = Not funded: Phragmén stopped in round { $round }, when the project with the lowest load no longer fit the money left.
explain-phragmen-taken = Funded in round { $round } of Phragmén: the load of its supporters rose to { $load } each.
fields-invalid = { $count } fields are invalid
file-needs-header = the file needs the header { $header }
floors-exceed-pot = the floors need { $needed } cents but only { $available } cents are left after the city-wide envelope
form-not-readable = the form cannot be read: { $reason }
funding-kind-mismatch = { $kind } cannot come from a { $category } line (ledger account { $account })
fundings-are-booked-on-this-line-only = fundings are booked on this line: only its planned amount changes; add a new line instead
geometry-needs-coordinates = needs coordinates
geometry-needs-type = must be a GeoJSON geometry with a type
going-back-a-phase-needs-a-reason = going back a phase needs a reason
hidden-after-reports = { $count } reports: hidden until a moderator decides
ideas-phase-over = the ideas phase of this edition is over (it is in the { $phase } phase)
illegal-state-change = a proposal that is { $state } cannot become { $target }
internal-error = an unexpected error occurred; it has been logged
invoice-is-booked-on-this-proposal-already = invoice { $reference } is booked on this proposal already (expenditure { $id }); reverse it first to book it again
is-a-line-of-before-the-edition = is a line of { $fiscal_year }, before the edition's year { $year }
is-funded-by-the-outcome-already = is funded by the outcome already
is-invalid-used-or-expired = is invalid, used or expired
is-not-a-category-of-this-edition = is not a category of this edition
is-not-a-cursor-from-this-api = is not a cursor from this API
is-not-a-known-ledger-account = is not a known ledger account
is-not-a-known-policy-field = is not a known policy field
is-not-a-milestone-of-this-proposal = is not a milestone of this proposal
is-not-a-project-id = is not a project id
is-not-a-user-id = is not a user id
is-not-a-voting-code-of-this = is not a voting code of this round
is-not-an-action-of-this-plan = is not an action of this plan version
is-not-an-area-of-this-edition = is not an area of this edition
is-not-an-e-mail-address = is not an e-mail address
is-not-an-etag-this-server-gave = is not an ETag this server gave: send the ETag of your last read
is-not-funded-by-the-outcome = is not funded by the outcome
is-not-on-this-ballot = is not on this ballot
is-not-on-this-round-s-ballot = is not on this round's ballot
is-not-your-current-password = is not your current password
is-required = is required
is-required-when-the-proposal-is-feasible = is required when the proposal is feasible
is-required-with-cost-lines = is required when cost lines are given
is-unknown-or-already-used = is unknown or already used
length-at-most = must be at most { $max } characters
length-between = must be { $min } to { $max } characters
line-exceeded = the line plans { $planned } cents and { $funded } are funded: { $amount } more exceeds it by { $over } cents; amend the plan first
line-has-this-plan-version-year-action = line { $id } has this plan version, year, action, policy field and account already
line-not-bound = is not one of the budget lines bound to the base of edition { $edition }: fund from { $lines }
list-at-least-one-budget-line = list at least one budget line
list-the-other-proposals-to-merge-into = list the other proposals to merge into this one
lists-an-area-twice = lists an area twice
malformed-json = the body is not valid JSON (line { $line }, column { $column })
may-contain-only-letters-digits-and = may contain only letters, digits, '-', '_' and '.'
merged-into = merged into proposal { $target }: { $reason }
method-not-accepted = { $path } does not accept { $method }; it accepts { $methods }
metrics-need-the-scraper-token = the metrics need the scraper's token: send `Authorization: Bearer <METRICS_TOKEN>`
milestone-status = { $name ->
        [planned] planned
        [in_progress] under way
       *[done] done
    }
milestones-follow-funded-proposals = milestones follow funded proposals
minimum-age = this round is for residents of { $min_age } and older
minimum-age-needs-birth-date = this round has a minimum age: add your birth date to your profile
missing-columns = missing column(s): { $columns }
moderation-needs-a-reason-of-1-to = moderation needs a reason of 1 to 1000 characters
multipolygon-is-a-list = MultiPolygon coordinates must be a list of polygons
must-be-1-to-255-visible-ascii = must be 1 to 255 visible ASCII characters, such as a UUID
must-be-1-to-32-letters-digits = must be 1 to 32 letters, digits, '-', '_' or '.'
must-be-2-to-10-digits = must be 2 to 10 digits
must-be-4-digits = must be 4 digits
must-be-a-real-birth-date = must be a real birth date
must-be-a-whole-number = must be a whole number
must-be-after-opens-at = must be after opens_at
must-be-at-least-1 = must be at least 1
must-be-at-least-cents-in-this = must be at least { $min_cost_cents } cents in this edition
must-be-at-least-characters-long = must be at least { $min_chars } characters long
must-be-at-most-cents-in-this = must be at most { $max } cents in this edition
must-be-at-most-characters-long = must be at most { $max_chars } characters long
must-be-funded-in-progress-or-completed = must be funded, in_progress or completed
must-be-in-person-letter-code-or = must be in_person, letter_code or census
must-be-mjp-meerjarenplan-or-amjp-aanpassing = must be mjp (meerjarenplan) or amjp (aanpassing)
must-lie-in-the-plan-s-period = must lie in the plan's period { $first_year }–{ $last_year }
must-not-be-before-schedule = must not be before schedule.{ $before }
must-not-be-below-min-cost-cents = must not be below min_cost_cents
must-not-be-empty = must not be empty
must-not-be-empty-when-given = must not be empty when given
must-not-be-negative = must not be negative
must-not-be-your-e-mail-address = must not be your e-mail address or name
must-not-contain-control-characters = must not contain control characters
must-not-exceed-max-choices = must not exceed max_choices
name-at-least-one-event-type = name at least one kind of event
name-at-least-one-scope = name at least one scope
name-the-council-session-1-to-200 = name the council session (1 to 200 characters)
needs-a-choices-column = needs a choices column
needs-exactly-one-of-the-columns-code = needs exactly one of the columns code and user_id
needs-role = this needs the { $role } role
no-area-has-this-code = no area has this code
no-area-with-id = no area with id { $missing }
no-departments-yet = is not a department of the city (there are none yet); an administrator adds it with POST /api/v1/departments
no-participating-areas = the edition has no participating areas
no-resource = no resource at { $path }
no-such-area = no such area
no-such-budget-line = no such budget line
no-such-plan-version = no such plan version
no-such-proposal = no such proposal
no-such-user = no such user
no-weight = every area has weight zero: enter populations or use the equal method
not-a-department = is not a department of the city (known: { $known }); an administrator adds it with POST /api/v1/departments
not-a-number-of-points = { $value } is not a number of points
not-a-project-id = { $value } is not a project id
not-for-ballot-type = does not apply to { $ballot_type } ballots
not-found = { $thing } not found
nul-refused = must not contain the NUL character (U+0000)
number-between = must be between { $min } and { $max }
one-field-invalid = { $field }: { $message }
one-of = must be one of { $names }
one-or-more-of = must be one or more of { $names }, separated by commas
only-actions-have-a-priority = only actions have a priority
only-an-area-worker-of-this-area = only an area worker of this area or an administrator can verify residents here
only-an-area-worker-of-this-area-2 = only an area worker of this area or an administrator can moderate
only-approved-proposals-are-funded-this-one = only approved proposals are funded; this one is { $state }
only-area-residents-vote = only residents of this area vote in this round
only-area-workers-have-an-area = only area workers have an area
only-authors-attach-files = only the proposal's authors attach files to it
only-finance-attaches-to-milestones = only the finance team attaches files to milestones
only-in-phase = { $action ->
        [submit] submitting
        [co_sign] co-signing
        [withdraw_support] withdrawing a support
        [assign_review] assigning reviews
       *[review] reviewing
    } is possible only in the { $needed } phase; the edition is in the { $phase } phase
only-its-author-changes-a-comment = only its author changes or removes a comment
only-residents-of-this-area-can = only residents of this area can { $action ->
        [write] write a proposal here
        [move] move a proposal to this area
        [submit] submit a proposal here
       *[co_sign] co-sign this proposal
    }
only-reviewers-have-a-department = only reviewers have a department
only-staff-answer-for-the-city = only staff of the city give an official answer
only-the-authors-can-change-a-proposal = only the authors can change a proposal
only-the-authors-can-submit-a-proposal = only the authors can submit a proposal
only-the-authors-can-withdraw-a-proposal = only the authors can withdraw a proposal
only-the-client-credentials-grant = grant_type must be client_credentials: the only grant this endpoint gives
only-the-council-decides-on-outcomes = only the council decides on outcomes
only-the-uploader-removes-a-file = only who added a file, or a moderator, removes it
only-verified-residents-can-have-your-residency = only verified residents can { $action ->
        [write] write a proposal here
        [move] move a proposal to this area
        [submit] submit a proposal here
       *[co_sign] co-sign this proposal
    }: have your residency verified first
only-verified-residents-vote = only verified residents vote: have your residency verified first
only-who-writes-it-translates-it = only who writes this text (or an administrator) translates it
overrun-needs-reason = the { $what ->
        [commitments] commitments
       *[expenditures] expenditures
    } would exceed { $limit } cents by { $over } cents: give an overrun_reason to allow it
paper-ballots-are-entered-by = paper ballots are entered by an area worker of the round's area or an administrator
password-too-common = is one of the most commonly used or easily guessed passwords; choose another
phase = { $name ->
        [draft] draft
        [ideas] ideas
        [support] support
        [review] review
        [voting] voting
        [decision] decision
        [implementation] implementation
        [closed] closed
       *[none] no other
    }
phase-not-adjacent = an edition moves one phase at a time: from { $from } it can go to { $next } or back to { $previous }, not to { $to }
plan-item-code-taken = this { $parent } has an item with code { $code } already
points-as-project-points = write points as project:points
points-for-at-most-projects = points for at most { $max } projects
points-given-available = { $total } points given, { $available } available
polygon-is-a-list = a polygon must be a list of rings
problem-title = { $code ->
        [bad_request] Bad request
        [malformed_json] Malformed JSON
        [unauthorized] Not signed in
        [forbidden] Not allowed
        [email_not_verified] E-mail address not verified
        [not_eligible] Not eligible
        [not_found] Not found
        [method_not_allowed] Method not allowed
        [conflict] Conflict with the current state
        [phase_closed] Not possible in the current phase
        [rules_frozen] Rules are frozen
        [round_closed] The voting round is not open
        [already_exists] Already exists
        [exceeds_budget_line] Exceeds the budget line
        [last_administrator] The last administrator
        [on_open_ballot] On an open ballot
        [precondition_failed] Changed since you read it
        [payload_too_large] Request body too large
        [unsupported_media_type] Unsupported media type
        [validation_failed] Invalid input
        [idempotency_key_reused] Idempotency key reused
        [rate_limited] Too many requests
        [service_unavailable] Service unavailable
       *[internal_error] Internal error
    }
project-is-chosen-twice = project { $id } is chosen twice
project-is-listed-twice = project { $id } is listed twice
project-is-not-on-this-ballot = project { $id } is not on this ballot
proposal-cannot-be-merged-into = proposal { $id } cannot be merged into { $target_id }
proposal-state = { $name ->
        [draft] a draft
        [submitted] submitted
        [threshold_reached] supported enough for review
        [expired] expired without enough support
        [feasible] feasible
        [infeasible] infeasible
        [on_ballot] on the ballot
        [selected] selected by the vote
        [not_selected] not selected by the vote
        [approved] approved by the council
        [rejected] rejected by the council
        [funded] funded
        [in_progress] being carried out
        [completed] completed
       *[withdrawn] withdrawn
    }
proposals-can-be-changed-until-the-support = proposals can be changed until the support phase starts
quote-not-closed = a quoted field is not closed
rate-limited = too many attempts; retry in { $seconds } seconds
residents-have-voted-in-this-round-so = residents have voted in this round, so it cannot be { $what ->
        [cancelled] cancelled
       *[moved] moved
    }: close it early with a reason instead
results-are-published-when-the-round-closes = results are published when the round closes
reviewers-see-the-queue-of-their-own = reviewers see the queue of their own departments
ring-is-a-list = a ring must be a list of positions
round-status = { $name ->
        [scheduled] scheduled
        [open] open
       *[closed] closed
    }
rounds-open-in-the-voting-phase-the = rounds open in the voting phase; the edition is in the { $phase } phase
row-field-count = has { $fields } fields, the header has { $header }
rule-cannot-count = { $rule } cannot count { $ballot_type } ballots (GET /api/v1/ballot-types lists the rules of each)
scope-not-granted = this client does not hold the scope { $name }
search-needs-a-word = type at least one word to search for
seed-demo-fills-an-empty-database-this = seed-demo fills an empty database; this one has accounts already
send-either-project-ids-or-points = send either project_ids or points
send-the-body-as-json-with-content = send the body as JSON with Content-Type: application/json
send-the-file-as-multipart-form-data = send the file as multipart/form-data with a part named file
send-the-file-with-content-type-text = send the file with Content-Type: text/csv (or application/octet-stream)
service-unavailable = the service is busy or the database is unreachable; retry shortly
sign-in-send-authorization-bearer-token = sign in: send `Authorization: Bearer <token>`
site-account = Your account
site-api = The API for developers
site-area-code = Code
site-area-deprivation = Deprivation index
site-area-deprivation-hint = From 0 (least deprived) to 1 (most deprived), for example 0.71. It weighs in the split of the budget.
site-area-deprivation-value = { $index } (from 0, least deprived, to 1, most deprived)
site-area-editions = Budgets with this area
site-area-geometry = Outline (GeoJSON)
site-area-geometry-hint = A GeoJSON Polygon or MultiPolygon in longitude and latitude. Leave empty for an area without outline. Preview shows it on the map before saving.
site-area-geometry-json = is not valid JSON
site-area-name = Name
site-area-names = Its name in other languages
site-area-names-hint = Residents reading the site in that language see this name; every change is kept.
site-area-names-save = Save the names
site-area-no-editions = No public budget includes this area yet.
site-area-no-outline = no outline
site-area-no-parent = No larger area
site-area-parent = Lies in
site-area-population = Residents
site-area-preview = Preview on the map
site-area-previewed = Preview: the outline as typed, on the map. Nothing is saved yet.
site-area-proposals = Proposals for this area
site-area-save = Save the area
site-areas-admin-title = Areas
site-areas-caption = Every area, with its residents and deprivation index
site-areas-file = CSV file
site-areas-file-hint = Columns code, name, population, deprivation_index and optionally parent_code, separated by commas or semicolons. An existing code is updated. Every row is checked and shown before anything is saved.
site-areas-import-title = Import areas from a file
site-areas-imported = Imported: { $created } new, { $updated } updated.
site-areas-new = New area
site-areas-ready = Nothing is saved yet. Importing makes { $created } new and updates { $updated }.
site-areas-saved = Area { $code } saved.
site-assign-button = Send
site-assign-caption = Proposals to review and their department
site-assign-department = Department
site-assign-empty = No proposal has reached its threshold yet.
site-assign-intro = Each proposal that reached its threshold goes to the department that checks whether it can be done. A reviewed proposal can be sent again; its earlier review stays in its history. This is possible while the edition is in its review phase.
site-assign-none = not sent yet
site-assign-not-this-edition = is not a proposal of this edition waiting for review
site-assign-send = Send to
site-assign-sent = The proposal is with the department; its reviewers see it in their queue.
site-assign-title = Send proposals for review
site-audit-action = Action
site-audit-actor = By account
site-audit-broken = The chain is broken at { $place }: { $reason }
site-audit-caption = Entries, newest first
site-audit-details = Details
site-audit-entity = On
site-audit-entity-id = Its number
site-audit-entity-type = Kind of thing (for example proposal, round, user)
site-audit-intact = The chain is intact: { $count } entries, every hash, sealed checkpoint and published head fits.
site-audit-none = No entry matches.
site-audit-older = Older entries
site-audit-title = Audit log
site-audit-verify = Verify the whole chain now
site-audit-verify-hint = Reads the whole log again; with a long log this takes a while.
site-audit-verifying = Recomputing every link of the chain…
site-audit-when = When
site-booth-abstain = You may also send an empty ballot: you take part without choosing.
site-booth-approval = Tick every project you want funded.
site-booth-at-least = Choose at least { $min } projects.
site-booth-at-most = Choose at most { $max } projects.
site-booth-cast = Cast my vote
site-booth-change = You can change your vote until { $closes }; only your last ballot counts.
site-booth-cumulative = Spread up to { $points } points over the projects you want funded: the more points, the more you want it.
site-booth-knapsack = Tick the projects you want funded; together they may cost at most { $limit }.
site-booth-legend = Your choice
site-booth-max-points = At most { $max } points for one project.
site-booth-rank-twice = rank { $rank } is given to two projects
site-booth-ranked = Number the projects you want funded in your order of preference: 1 for your first choice, 2 for the next, and so on. Leave the others empty.
site-booth-read-more = Read more
site-booth-sign-in = Sign in to vote
site-booth-title = Vote
site-booth-voted = You have voted. Your receipt:
site-booth-whole-number = must be a whole number, 0 or more
site-booth-your-choice = Your choice
site-chart-caption = For each project: the upper bar shows its votes next to the project with the most, the lower bar its cost as a share of the budget. ✓ marks a funded project. The table below gives the same figures and the reason for each.
site-chart-title = Votes and cost of every project; ticked projects are funded
site-chart-votes = { $count } { $measure ->
        [points] points
       *[votes] votes
    }
site-check-button = Look it up
site-check-empty = An empty ballot: you took part without choosing.
site-check-found = This ballot was counted under your receipt:
site-check-intro = After the count every ballot is published under its receipt, without names. Type yours to see the ballot published under it.
site-check-missing = No ballot of this round was published under this receipt. Check that you typed it as you received it; if it is right, tell the city.
site-check-title = Check my receipt
site-codes-working = Making the codes and the sheet…
site-comment-about = About
site-comment-about-milestone = milestone:
site-comment-about-proposal = the proposal
site-comment-as-city = Answer for the city (shown as the official answer)
site-comment-change = Change or remove your comment
site-comment-edited = changed
site-comment-former = Former resident
site-comment-hidden = A moderator hid this comment:
site-comment-hint = Up to 5000 characters. **Bold**, *italic* and links work; pictures from other sites are not shown. You can change your comment for 15 minutes.
site-comment-new = React
site-comment-official = official answer of the city
site-comment-remove = Remove the comment
site-comment-removed = This comment was removed by its author.
site-comment-reply = Reply
site-comment-reply-send = Send the reply
site-comment-report = Report to the moderators
site-comment-report-send = Send the report
site-comment-report-why = What is wrong with it?
site-comment-save = Save the change
site-comment-send = Send the comment
site-comment-your-reply = Your reply
site-comment-your-text = Your comment
site-comments-none = No comments yet. Be the first to react.
site-comments-sign-in = Sign in to take part in the discussion
site-comments-title = Discussion
site-console-action = Action
site-console-admin = Administration
site-console-codes = Letter codes
site-console-codes-button = Issue the codes
site-console-codes-count = How many codes
site-console-codes-enter = Enter it on your page: { $at }
site-console-codes-hint = Each code, posted to one address, lets one resident confirm that they live in this area. The codes are shown once: print the sheet before you leave the page.
site-console-codes-once = These codes are not kept in readable form: print them now.
site-console-codes-sheet = The sheet to print
site-console-council = Council
site-console-finance = Finance
site-console-moderation = Moderation
site-console-nothing-yet = Your roles have no work in the console yet; the API does it all.
site-console-queue = Residents waiting to be verified
site-console-queue-caption = Residents who say they live in this area
site-console-queue-empty = Nobody is waiting.
site-console-queue-hint = Verify a resident once they have shown you proof of their address in person.
site-console-registered = Registered
site-console-residents = Residents of your areas
site-console-reviews = Reviews
site-console-reviews-queue = Proposals waiting for your review
site-console-staff-only = the console is for the city's staff; your account has no role there
site-console-title = City console
site-console-verified = The resident is verified: they may now co-sign and vote in this area.
site-console-verify = Verified in person
site-console-welcome = Signed in as { $name }. You see the work your roles allow.
site-council-add = Add
site-council-amend = Amend it: add or remove the projects ticked below
site-council-approve = Approve the outcome as counted
site-council-button = Record the decision
site-council-caption = Counted rounds and the council's decisions
site-council-change = Change
site-council-choose = choose approve or amend
site-council-decided = Decided
site-council-decided-on = Date of the decision
site-council-decision-title = Decide on the outcome
site-council-edition = Edition
site-council-form = Record a decision
site-council-kind = What the council decides
site-council-none = No round is counted yet.
site-council-not-decidable = The council decides while the edition is in its decision phase.
site-council-over-envelope = Reason to spend more than the envelope
site-council-over-envelope-hint = Only when the funded projects cost more than the envelope.
site-council-projects-caption = The projects on the ballot, with the vote's outcome
site-council-public-page = The results as residents see them
site-council-reason = Reason
site-council-recorded = The decision is recorded; the projects' authors get a mail.
site-council-remove = Remove
site-council-replaces = A new decision replaces the one that stands; both stay in the history.
site-council-round = Round
site-council-rule = Rule
site-council-rule-funds = Funds
site-council-rule-own = this round's rule
site-council-rule-voters = Voters with a funded project
site-council-rules = What each counting rule would fund
site-council-rules-caption = The same ballots counted by every rule that fits them, the round's own rule first
site-council-session = Council session
site-council-session-hint = For example: council of 12 March 2027, item 14.
site-council-state = Decision
site-council-title = Counted rounds
site-council-waiting = Waiting for the council
site-decision-added = Added: { $project }. Why: { $reason }
site-decision-amended = Amended by the council on { $on } ({ $session })
site-decision-approved = Approved as counted by the council on { $on } ({ $session })
site-decision-funded = The projects it funds:
site-decision-over-envelope = This spends more than the area's money. Why: { $reason }
site-decision-removed = Removed: { $project }. Why: { $reason }
site-decision-superseded = A later decision replaced this one.
site-decision-title = The council's decision
site-display-name = Your name as others see it
site-edit-button = Save my changes
site-edit-intro = You and your co-authors can change the proposal until the support phase starts. Once it is submitted, each earlier text stays readable as a version.
site-edit-title = Change my proposal
site-edition-allocation = How the rest is split over the areas
site-edition-allocation-rule = { $rule ->
        [equal] The same for every area
        [per_capita] By the number of residents
       *[needs_weighted] By the number of residents, more where the need is greater
    }
site-edition-alpha = Weight of need (alpha)
site-edition-alpha-hint = Only when split by need: 1 gives an area with the highest need index twice the share per resident.
site-edition-amount = Amount
site-edition-area = Area
site-edition-areas = Taking part
site-edition-base = The city's budget, in euro
site-edition-base-hint = The amount the reserved percentage is taken from; for example 250000000.
site-edition-categories = Categories
site-edition-categories-hint = One per line: code; name. For example: groen; Groen en natuur
site-edition-category-words = write each category as code; name
site-edition-choose-allocation = choose how the rest is split
site-edition-choose-phase = choose the phase to go to
site-edition-citywide = The whole city
site-edition-citywide-share = Of that, for the whole city, in percent
site-edition-done = { $what ->
        [created] The edition is created.
        [phase] The phase is changed; residents see it now.
       *[saved] The edition is saved.
    }
site-edition-envelopes = The money per area
site-edition-envelopes-caption = What each area can spend in this edition
site-edition-floor = Floor per area, in euro
site-edition-floor-hint = Every area gets at least this before the rest is split; 0 for none.
site-edition-moment-words = write a date and time, for example 2027-03-01T09:00
site-edition-money = The money and how it is split over the areas
site-edition-money-frozen = Voting has begun: the money rules can no longer change.
site-edition-name = Name
site-edition-no-envelopes = No envelope yet: choose the areas taking part.
site-edition-phase = Phase
site-edition-phase-back = Go back one phase
site-edition-phase-change = Change the phase
site-edition-phase-next = Go on to the next phase
site-edition-phase-reason = Reason to go back (residents see it)
site-edition-preview = The envelopes with these rules (not saved yet)
site-edition-preview-button = Show the envelopes these rules give
site-edition-public-page = The edition as residents see it
site-edition-reserved = Reserved for residents' proposals, in percent
site-edition-rounds = Votes
site-edition-save = Save the edition
site-edition-schedule = Schedule
site-edition-schedule-hint = When each phase is planned to begin, in UTC; residents see it. The phase itself changes only when you change it.
site-edition-see-proposals = See the proposals
site-edition-settings = Settings
site-edition-why = Why this amount
site-edition-year = Budget year
site-edition-year-words = write the year in digits, for example 2027
site-editions-caption = Every edition, newest first
site-editions-new = New edition
site-editions-none = No edition yet.
site-editions-title = Editions
site-email = E-mail address
site-envelope-citywide = The part of the pot kept for projects for the whole city.
site-envelope-equal = A floor of { $floor } for every area, plus an equal part of the rest: { $share }.
site-envelope-needs = A floor of { $floor } for every area, plus { $share } for its { $population } residents, weighted by its deprivation index of { $index }: { $percent } % of the rest, so areas that need it most get more.
site-envelope-override = The city set { $amount } instead: { $reason }
site-envelope-per-capita = A floor of { $floor } for every area, plus { $share } for its { $population } residents: { $percent } % of the rest, shared by population.
site-erase-button = Erase my account for good
site-erase-done = We no longer know your name or address. Thank you for taking part.
site-erase-done-title = Your account is erased
site-erase-keep = Keep my account
site-erase-password = Your password, to confirm
site-erase-title = Erase my account
site-erase-what-goes = Your name, e-mail address, birth date, password and the mail we sent you are erased, and you are signed out everywhere. This cannot be undone.
site-erase-what-stays = Your votes stay counted and stay anonymous. Your proposals and supports stay, under "a former resident".
site-field-error = { $label }: { $message }
site-files-add = Add the file
site-files-alt = What the picture shows (for who cannot see it)
site-files-choose = Picture or PDF
site-files-hint = JPEG, PNG, WebP or PDF, at most 10 MB. We remove the place and camera data from photos.
site-files-remove = Remove
site-files-title = Pictures and files
site-filter-button = Show
site-finance-add-milestone = Add the milestone
site-finance-amount = Amount, in euro
site-finance-books = The books
site-finance-caption = Approved projects not yet completed, with their money so far
site-finance-chart-caption = Four bars per row, from top to bottom: planned, set aside, ordered, paid. The table below gives the same numbers.
site-finance-chart-title = Planned, set aside, ordered and paid per row
site-finance-choose = choose one of the list
site-finance-commit = Record the order
site-finance-commitment = Under the order
site-finance-commitments = Orders (commitments)
site-finance-date = Date
site-finance-done = { $what ->
        [fundings] The money is set aside.
        [commitments] The order is recorded.
        [expenditures] The payment is recorded.
        [milestones] The milestone is added; residents see it.
        [milestone-updates] The milestone is updated; its earlier state stays in its history.
        [reversals] The reversal is booked; the entry and its correction stay in the books.
       *[state] The step is recorded; residents see it.
    }
site-finance-download = Download this table as CSV
site-finance-entry = Entry to correct
site-finance-entry-commitment = Order
site-finance-entry-expenditure = Payment
site-finance-entry-funding = Funding
site-finance-erp = Reference in the finance system
site-finance-expenditures = Payments
site-finance-fund = Set the money aside
site-finance-funding = Under the money set aside
site-finance-fundings = Money set aside on budget lines
site-finance-grouped-by = Grouped by
site-finance-grouping = { $group ->
        [line] Budget line
        [action] Action
        [objective] Objective
        [policy_field] Policy field
       *[edition] Edition
    }
site-finance-invoice = Invoice
site-finance-key = Row
site-finance-kind = { $kind ->
        [purchase] Purchase
        [operating_subsidy] Operating subsidy
        [investment_subsidy] Investment subsidy
       *[own_execution] The city's own work
    }
site-finance-kind-label = Kind of spending
site-finance-line = Budget line
site-finance-milestone = Milestone
site-finance-milestone-status = Status
site-finance-milestones = Milestones
site-finance-none = No approved project to follow.
site-finance-not-this-proposal = belongs to another project
site-finance-note = Note
site-finance-nothing-yet = Nothing yet.
site-finance-overrun = Reason to go over
site-finance-overrun-hint = Only when this goes beyond what is above it.
site-finance-party = Supplier or beneficiary
site-finance-pick = Choose one
site-finance-planned = Planned
site-finance-progress = Progress, in percent
site-finance-reason = Reason
site-finance-report-caption = The money per row of the chosen grouping
site-finance-report-empty = No budget line yet.
site-finance-report-title = Budget report
site-finance-reversals = Correct an entry
site-finance-reversals-hint = An entry is never changed or deleted: a reversal takes back all or part of it, with the reason, and both stay in the books. Reverse what hangs under an entry first.
site-finance-reverse = Book the reversal
site-finance-reverse-amount = Amount to take back
site-finance-spend = Record the payment
site-finance-state = State
site-finance-step = Next step of the implementation
site-finance-step-button = Record the step
site-finance-title = Funded projects to follow
site-finance-total = Total
site-finance-update-button = Update the milestone
site-finance-update-milestone = Update a milestone
site-follow-following = You follow this: its news comes to you by mail.
site-follow-start = Follow (news by mail)
site-follow-stop = Stop following
site-footer = A participatory budget of the city.
site-forgot-button = Send the link
site-forgot-intro = Enter your e-mail address; if it has an account, we send it a link to choose a new password.
site-forgot-sent = If this address has an account, a link to choose a new password is on its way. It works for 30 minutes.
site-forgot-sent-title = Check your mailbox
site-forgot-title = Forgot your password?
site-form-refused = It did not come from a page of this site in this browser, or it has expired. Go back, reload the page and try again.
site-form-refused-title = This form could not be accepted
site-former-resident = a former resident
site-home-intro = The city sets aside part of its budget for residents: propose ideas, support them, vote, and follow what is built.
site-home-no-editions = There is no neighbourhood budget open yet.
site-home-title = Neighbourhood budgets
site-import-button = Import now
site-import-changed = updated
site-import-check = Check the file
site-import-checked = The file is correct
site-import-checking = Checking every row…
site-import-effect = Effect
site-import-new = new
site-import-rows = What the import will do, row by row
site-import-running = Importing…
site-languages = Language
site-line-action = Action
site-line-ledger-account = Ledger account
site-line-plan = Plan version
site-line-planned = Planned
site-line-policy-field = Policy field
site-line-year = Year
site-lines-add = Add a budget line
site-lines-add-button = Add the line
site-lines-caption = Budget lines of the multi-year plan
site-lines-every-plan = Every plan version
site-lines-file-hint = Columns plan_version_id, fiscal_year, action_id, policy_field_code, ledger_account_code and planned_cents. A row for an existing line sets its planned amount. Every row is checked and shown before anything is saved.
site-lines-import-title = Import budget lines from a file
site-lines-none = No budget line matches.
site-lines-title = Budget lines
site-list-pages = Pages of the list
site-list-rows = Rows { $first } to { $last } of { $total }
site-login-button = Sign in
site-login-forgot = Forgot your password?
site-login-register = No account yet? Register
site-login-title = Sign in
site-logout-button = Sign out
site-map-caption = Choose an area on the map to open its page.
site-map-caption-console = Choose an area on the map to change it.
site-map-label = Map of the areas
site-me-code = Code from your residency letter
site-me-code-button = Confirm where I live
site-me-code-hint = The city posts it to your home address. Spaces and dashes do not matter.
site-me-download = Download my data (JSON)
site-me-erase = Erase my account
site-me-language = Language
site-me-language-hint = For this site and for the mail we send you.
site-me-my-data = My data
site-me-my-data-hint = Download everything we keep about you, or erase your account.
site-me-no-residence = not confirmed yet: enter the code of your residency letter, or ask your area worker
site-me-none = None yet.
site-me-not-verified = not confirmed yet: open the link we mailed you
site-me-not-voted = open: you have not voted yet
site-me-notify = Mail me about my proposals, what I follow and votes I can take part in
site-me-number = Your resident number
site-me-number-hint = Give it to a neighbour who wants to name you as a co-author of a proposal.
site-me-preferences = My preferences
site-me-residence = Resident of
site-me-save = Save my preferences
site-me-supported = Proposals I support
site-me-title = My page
site-me-verified = confirmed
site-me-votes = My votes
site-me-written = Proposals I wrote
site-merge-button = Merge
site-merge-done = The proposals are merged into this one.
site-merge-ids = Numbers of the proposals to merge into this one
site-merge-ids-hint = For example 12, 15 (the number is in the proposal's address).
site-merge-ids-words = write proposal numbers separated by commas, for example 12, 15
site-merge-intro = The proposals you name are withdrawn and point to this one; their supporters support this one, each person once.
site-merge-preview = What the merge will do
site-merge-preview-button = Show what the merge will do
site-merge-preview-goes = These proposals are withdrawn and point to this one:
site-merge-reason = Reason for the merge
site-merge-supporters = Supporters of this proposal: { $before } now, { $after } after the merge (each person once).
site-merge-title = Merge duplicates into this proposal
site-milestone-due = planned for { $day }
site-milestones = Milestones
site-milestones-none = No milestones yet.
site-moderate-button = Record the decision
site-moderate-choose = choose hide or show
site-moderate-decision = Decision
site-moderate-hide = Hide it from residents
site-moderate-no-reports = Nobody reported this proposal.
site-moderate-reason = Reason
site-moderate-reason-hint = The authors read it in their mail; it is kept in the audit log.
site-moderate-report-handled = decided
site-moderate-reports = Reports
site-moderate-show = Show it to residents
site-moderate-title = Moderate
site-moderate-yours = Your decision
site-moderation-caption = Reported proposals of your areas
site-moderation-comments = Reported comments
site-moderation-decided = Your decision is recorded; the authors get a mail.
site-moderation-empty = No reported proposal here.
site-moderation-handled = Decided
site-moderation-hidden = Hidden
site-moderation-open = Waiting for a decision
site-moderation-open-reports = Open reports
site-moderation-reasons = Reasons given
site-moderation-title = Reported proposals
site-moderation-which = Which reports
site-money-allocated = Set aside on the city's budget
site-money-approved = Approved by the council
site-money-committed = Ordered (committed)
site-money-spent = Paid
site-name = Wijkbudget
site-not-found = There is no page at { $path }. It may have moved, or the address has a typing error.
site-not-found-title = Page not found
site-notify-all-off = You turned off all mail from this site on your page.
site-notify-choose = Choose what you hear of, and when
site-notify-daily-digest = In one mail a day
site-notify-decision = Results and council decisions
site-notify-digest-hour = The daily overview leaves once a day, from
site-notify-follows = What I follow
site-notify-follows-none = You follow nothing yet. Follow a proposal, a neighbourhood or an edition from its page.
site-notify-immediately = Mail me at once
site-notify-intro = You hear about your own proposals and about what you follow. Choose for each kind of news whether it comes at once, in a daily overview, or not at all.
site-notify-milestone = Progress of the work on a funded proposal
site-notify-never = Never
site-notify-new-comment = New comments
site-notify-review = The city's feasibility review of a proposal
site-notify-round-opening = A vote opens, moves or is called off
site-notify-state-change = A proposal changes (published, withdrawn, …)
site-notify-the-digest = The daily overview
site-notify-title = My notifications
site-notify-waiting = Waiting for your next overview:
site-now-closed = This budget is closed.
site-now-decision = The council is deciding on the outcome.
site-now-draft = Being prepared.
site-now-ideas = Residents can now write and submit proposals.
site-now-implementation = The funded projects are being carried out.
site-now-review = The city is checking whether the proposals are feasible.
site-now-support = Residents can now support the proposals they like.
site-now-voting = Residents can now vote.
site-paper-by-code = The voting code on the paper
site-paper-by-resident = The resident number
site-paper-check = Check the file
site-paper-checked = The file is checked
site-paper-choices = What the ballot chooses
site-paper-choices-hint = { $ballot ->
        [cumulative] Each project as number:points, separated by spaces, for example 12:3 15:2.
        [ranked] The project numbers in order, best first, separated by spaces.
       *[other] The project numbers, separated by spaces.
    }
site-paper-choose-file = choose a CSV file
site-paper-enter = Save this ballot
site-paper-entered = { $count ->
        [one] One paper ballot is saved.
       *[other] { $count } paper ballots are saved.
    }
site-paper-file = CSV file
site-paper-file-hint = A header with code (or user_id) and choices, then one ballot per row, for example: K7QD-M2XW-9PTA-HV3C,12 15. Every row is checked and shown before anything is saved.
site-paper-file-title = A file of paper ballots
site-paper-import = Save these ballots
site-paper-intro = Enter the paper ballots of this round while it is open: one at a time, or a whole file at once. A code or resident that voted online cannot vote on paper too.
site-paper-number = Number
site-paper-one = One paper ballot
site-paper-projects = The projects on the ballot with their numbers
site-paper-ready = Every row is right: { $count } ballots are ready. Nothing is saved yet.
site-paper-row-error = Row { $row } ({ $column }): { $message }
site-paper-title = Paper ballots
site-paper-voter = Code or resident number
site-paper-voter-kind = The voter is known by
site-password = Password
site-plan-add-button = Add to the plan
site-plan-add-item = Add an objective, action plan or action
site-plan-added = { $code } added to the plan.
site-plan-code = Code
site-plan-create = Create the plan version
site-plan-decided = Council decision date (optional)
site-plan-first-year = First year
site-plan-heading = { $name } ({ $kind }, { $first }–{ $last })
site-plan-kind = Kind
site-plan-kind-amjp = Adjustment of the multi-year plan (AMJP)
site-plan-kind-mjp = Multi-year plan (MJP)
site-plan-last-year = Last year
site-plan-name = Name
site-plan-new = New plan version
site-plan-priority = priority
site-plan-priority-label = A priority action
site-plan-title = Title
site-plan-under = What and where
site-plan-under-action-plan = Action under action plan { $code } { $title }
site-plan-under-hint = An objective goes in a plan version, an action plan under an objective, an action under an action plan.
site-plan-under-objective = Action plan under objective { $code } { $title }
site-plan-under-plan = Objective in plan { $name }
site-plans-empty = No objective in this version yet.
site-plans-none = No plan version yet.
site-plans-title = Multi-year plan
site-proposal-author = Proposed by
site-proposal-coauthors = Together with
site-proposal-cost = Estimated cost
site-proposal-edit = Change my proposal
site-proposal-history = History
site-proposal-implementation = Carrying it out
site-proposal-location = Where
site-proposal-location-value = latitude { $latitude }, longitude { $longitude }
site-proposal-money-caption = The project's money
site-proposal-progress = Done so far
site-proposal-review = The city’s review
site-proposal-reviewed-lines = The cost as the department reviewed it
site-proposal-supporters = Supporters
site-proposal-verdict = { $verdict ->
        [feasible] Feasible
       *[infeasible] Not feasible
    }
site-proposals-every-area = Every area
site-proposals-filter = Show
site-proposals-next = More proposals
site-proposals-none = No proposal matches.
site-proposals-order = The proposals are shown in an order drawn for you, so that none is always on top.
site-proposals-search = Search
site-proposals-supports = { $count ->
        [one] 1 supporter
       *[other] { $count } supporters
    }
site-proposals-title = Proposals
site-receipt-cast = Thank you: your ballot has been received.
site-receipt-code = Your receipt:
site-receipt-keep = Keep it. After the count, the round publishes every ballot under its receipt, without names: you can check that yours was counted as you cast it.
site-receipt-points = { $project }: { $points } points
site-receipt-replaced = Your new ballot replaces the one you sent before.
site-receipt-title = Your vote is in
site-register-button = Register
site-register-done = We sent a link to the address you gave. Open it to confirm your address; then sign in.
site-register-done-title = Check your mail
site-register-have-account = Already registered? Sign in
site-register-intro = With an account you can write proposals, support them and vote. We send a link to confirm your e-mail address.
site-register-title = Register
site-reset-button = Save the new password
site-reset-done = You were signed out everywhere; sign in again with the new password.
site-reset-done-title = Your password is changed
site-reset-hint = At least 8 characters. A few unusual words in a row are easy to remember and hard to guess.
site-reset-new-password = New password
site-reset-title = Choose a new password
site-review-all = Everything waiting
site-review-assigned = Assigned
site-review-button = Record the review
site-review-choose = choose feasible or not feasible
site-review-cost = Cost on the ballot, in euros
site-review-cost-hint = Required when feasible; for example 12500 or 12.500,50.
site-review-cost-lines = Reviewed cost lines
site-review-cost-lines-hint = One line per cost: what; amount, for example Benches; 1.200. They start as the proposer's lines: change them, or empty the box to give only a total. The lines add up to the reviewed cost and are public.
site-review-department = Department
site-review-due = Due
site-review-earlier = Earlier reviews
site-review-explanation = Public explanation
site-review-explanation-hint = Residents read it on the proposal's page: say why, in plain words.
site-review-feasible = Feasible: it goes on the ballot
site-review-infeasible = Not feasible
site-review-notes = Internal notes (optional)
site-review-notes-hint = Only reviewers and administrators see them.
site-review-overdue = Overdue
site-review-overdue-only = Overdue only
site-review-public-page = The proposal as residents see it
site-review-queue-caption = Assigned and not yet reviewed, oldest first
site-review-queue-empty = Nothing waits for your department.
site-review-recorded = The review is recorded; the authors are told by mail.
site-review-title = Review
site-review-verdict = Verdict
site-review-which = Which reviews
site-review-yours = Your review
site-role = { $role ->
        [area_worker] Area worker
        [reviewer] Reviewer
        [council] Council
        [finance] Finance
       *[admin] Administrator
    }
site-round-ballots = Voted
site-round-check-receipt = Check my receipt
site-round-cost = Cost
site-round-eligible = Could vote
site-round-funded = Funded
site-round-on-the-ballot = On the ballot
site-round-per-area-caption = Turnout in each area
site-round-project = Project
site-round-results = Results
site-round-results-caption = Every project, with the reason it was or was not funded
site-round-setup-abstention = A blank ballot is allowed
site-round-setup-area = Envelope
site-round-setup-ballot = { $ballot ->
        [approval] Tick the projects you want
        [knapsack] Tick projects within a budget
        [cumulative] Spread points
       *[ranked] Rank the projects
    }
site-round-setup-ballot-caption = The projects on the ballot with their reviewed cost
site-round-setup-ballot-check = The ballot if the round opened now
site-round-setup-ballot-empty = No feasible proposal of this envelope yet.
site-round-setup-ballot-type = Ballot
site-round-setup-budget-limit = Budget of a ballot, in euro
site-round-setup-cancel = Cancel the round
site-round-setup-cancel-hint = Only before the first ballot; the envelope is free for a new round.
site-round-setup-cancel-title = Cancel the round
site-round-setup-choose-area = choose an envelope of this edition
site-round-setup-close = Close the round and count
site-round-setup-close-hint = Needed only before the planned end; residents see it.
site-round-setup-close-reason = Reason to close before the planned end
site-round-setup-close-title = Close and count
site-round-setup-closes = Closes (UTC)
site-round-setup-create = Set up the round
site-round-setup-done = { $what ->
        [created] The round is set up; check its ballot, then open it.
        [opened] The round is open; residents get a mail.
        [closed] The round is closed and counted.
        [rescheduled] The round is moved.
       *[cancelled] The round is cancelled.
    }
site-round-setup-edition = The edition
site-round-setup-limits = The ballot's limits
site-round-setup-limits-hint = Fill in what the chosen ballot needs; leave the rest empty.
site-round-setup-max-choices = Most projects to choose
site-round-setup-max-points = Most points for one project
site-round-setup-min-age = Minimum age to vote
site-round-setup-min-choices = Fewest projects to choose
site-round-setup-new = New voting round
site-round-setup-open = Open the round
site-round-setup-open-hint = Opening puts these projects on the ballot and freezes the rules that decide the outcome; residents get a mail.
site-round-setup-opens = Opens (UTC)
site-round-setup-points = Points to spread
site-round-setup-public-page = The round as residents see it
site-round-setup-reason = Reason
site-round-setup-reschedule = Move the round
site-round-setup-reschedule-hint = Only before the first ballot; an open round goes back to scheduled and residents who were told it opened hear of it.
site-round-setup-reschedule-title = Move the round
site-round-setup-rule-counts = counts: { $ballots }
site-round-setup-uses-codes = Residents without a verified residency vote with a letter code
site-round-setup-whole-number = write a whole number
site-round-share = { $share } %
site-round-summary = { $ballots } ballots; { $spent } of { $budget } spent.
site-round-turnout = { $ballots } of the { $eligible } residents who could vote did so ({ $share } %).
site-round-turnout-column = Turnout
site-round-votes = Votes
site-round-why = Why
site-round-window = Open from { $opens } to { $closes }.
site-sign-in-with = Sign in with { $provider }
site-skip-to-content = Skip to the content
site-support-button = Support this proposal
site-support-given = You support this proposal.
site-support-sign-in = Sign in to support this proposal
site-support-withdraw = Withdraw my support
site-tally-count = You have chosen { $count } projects.
site-tally-count-of = You have chosen { $count } of at most { $max } projects.
site-tally-money = You have chosen { $used } of { $limit }.
site-tally-over = That is more than this ballot allows.
site-tally-points = You have given { $points } of your { $total } points.
site-the-link = The link
site-there-is-a-problem = There is a problem
site-to-home = To the home page
site-unsubscribe-ask = Stop the mails about:
site-unsubscribe-button = Stop these mails
site-unsubscribe-done = Done: no more mails about this.
site-unsubscribe-title = Stop these mails
site-upload-not-utf8 = the file is not text in UTF-8; save it as CSV UTF-8
site-upload-unreadable = the form could not be read; choose the file again
site-users-any-role = Any role or none
site-users-area = Area
site-users-area-hint = For an area worker: the area they work in.
site-users-caption = Accounts, the first hundred that match
site-users-choose-role = choose a role
site-users-department = Department
site-users-department-hint = For a reviewer: the department they review for.
site-users-done = { $what ->
        [granted] The role is granted.
       *[revoked] The role is revoked.
    }
site-users-find = Find
site-users-grant = Grant the role
site-users-grant-title = Grant a role
site-users-name = Name
site-users-no-roles = A resident without roles.
site-users-none = No account matches.
site-users-revoke = Revoke
site-users-role = Role
site-users-roles = Roles
site-users-search = Name or e-mail address contains
site-users-title = Accounts and roles
site-verify-button = Confirm my e-mail address
site-verify-done = Thank you. You can now take part once your residency is verified.
site-verify-done-title = Your e-mail address is confirmed
site-verify-intro = Press the button to confirm the address this link was sent to.
site-verify-title = Confirm your e-mail address
site-version-also-in = This proposal also exists in:
site-version-language = Language of this text
site-write-body = Description
site-write-body-hint = What, where, for whom and why. You may use *emphasis*, lists and links.
site-write-button = Save as a draft
site-write-category = Theme
site-write-category-choose = Choose a theme
site-write-coauthors = Co-authors (optional)
site-write-coauthors-hint = The resident numbers your co-authors find on their own page, separated by commas.
site-write-coauthors-words = must be resident numbers separated by commas, such as 12, 31
site-write-cost = Estimated cost in euros
site-write-cost-hint = For example 12500 or 12.500,50. The city's review checks it.
site-write-cost-line-words = needs a description, a semicolon and an amount, such as Planters; 4000
site-write-cost-lines = Cost lines (optional)
site-write-cost-lines-hint = One per line: what, a semicolon, the amount. For example: Planters; 4000
site-write-cost-words = must be an amount in euros, such as 12500 or 12.500,50
site-write-degrees-words = must be a number of degrees, such as 51.0543
site-write-draft = This is your draft: only you and your co-authors see it until you submit it.
site-write-intro = Your proposal is saved as a draft that only you see. Read it on its page, then submit it so that your neighbours can support it.
site-write-latitude = Latitude
site-write-longitude = Longitude
site-write-place = Where (optional)
site-write-place-hint = The spot as latitude and longitude, for example 51.0543 and 3.7174. It must lie in the area you chose.
site-write-preview = Preview
site-write-preview-hint = This is how your proposal will look. It is not saved yet: save it with the button below the form.
site-write-preview-title = Preview
site-write-submit = Submit my proposal
site-write-summary = Summary
site-write-summary-hint = One or two sentences that say what you propose.
site-write-title = Write a proposal
site-write-title-field = Title
site-write-withdraw = Withdraw my proposal
someone-changed-this-since-you-read-it = someone changed this since you read it: read it again, then make your change
still-referred-to = other records still refer to this one
supports-needed = { $count } of { $threshold } supports needed
that-is-the-language-it-was-written-in = that is the language it was written in: change the text itself
the-access-token-is-invalid = the access token is invalid
the-access-token-is-invalid-or-expired = the access token is invalid or expired
the-area-has-sub-areas-or-takes = the area has sub-areas or takes part in an edition; remove those links first
the-author-is-not-a-co-author = the author is not a co-author
the-authorization-header-must-be-bearer-token = the Authorization header must be `Bearer <token>`
the-body-exceeds-bytes = the body exceeds { $import_limit } bytes
the-budget-module-is-for-finance-the = the budget module is for finance, the council and administrators
the-chosen-projects-cost-cents-more-than = the chosen projects cost { $spent } cents, more than the { $limit } available
the-chosen-projects-cost-cents-spend-at = the chosen projects cost { $spent } cents; spend at least { $minimum }
the-class-first-digit-must-be-1 = the class (first digit) must be 1, 2, 4, 6 or 7
the-comment-is-removed = the comment is removed
the-council-decides-on-a-closed-round = the council decides on a closed round
the-decision-spends-cents-of-an-envelope = the decision spends { $cost } cents of an envelope of { $budget_cents }: give the reason to go over it
the-e-mail-address-is-already-verified = the e-mail address is already verified
the-e-mail-address-or-password-is = the e-mail address or password is wrong
the-edition-has-no-envelope-for-this = the edition has no envelope for this scope
the-file-contains-the-nul-character-u = the file contains the NUL character (U+0000)
the-file-has-no-ballots = the file has no ballots
the-file-has-no-rows = the file has no rows
the-file-is-empty = the file is empty
the-file-is-larger-than-bytes = the file is larger than { $limit } bytes
the-file-is-not-utf-8-text = the file is not UTF-8 text
the-file-needs-a-header-code-choices = the file needs a header: code,choices or user_id,choices
the-first-request-with-this-idempotency-key = the first request with this Idempotency-Key is still being answered; retry in a moment
the-fundings-add-up-to-cents-the = the fundings add up to { $funded } cents; the approved cost is { $approved }
the-identity-provider-does-not-answer = the identity provider does not answer; try again in a moment, or sign in with your password
the-identity-provider-sign-in-failed = the sign-in with the identity provider could not be completed; start again
the-location-lies-outside-the-area = the location lies outside the area
the-period-runs-from-first-year-to = the period runs from first_year to at most ten years later
the-proposal-is-on-the-open-ballot = the proposal is on the open ballot of round { $round }: an administrator takes it off first (POST /api/v1/rounds/{ $round }/withdrawals, with a reason)
the-proposal-s-approved-cost-is-cents = the proposal's approved cost is { $approved } cents and { $funded } are funded already
the-refresh-token-is-invalid-or-the = the refresh token is invalid or the session has ended
the-reports-are-read-by-area-workers = the reports are read by area workers and administrators
the-request-body-could-not-be-read = the request body could not be read
the-request-body-is-larger-than-this = the request body is larger than this endpoint accepts
the-round-closes-at-utc-closing-it = the round closes at { $closes_at } UTC: closing it early needs a reason
the-round-has-no-feasible-project-to = the round has no feasible project to put on its ballot
the-round-has-opened-its-rules-and = the round has opened: its rules and ballot are frozen
the-round-is-already = the round is { $status } already
the-round-is-closed = the round is closed
the-round-is-closed-and-cannot-be = the round is closed and cannot be { $what ->
        [cancelled] cancelled
       *[moved] moved
    }
the-round-is-not-open = the round is { $status }, not open
the-round-is-only-an-open-round = the round is { $status }: only an open round's ballot changes this way
the-round-is-open-from-to-utc = the round is { $status } (open from { $opens_at } to { $closes_at } UTC)
the-round-s-closing-time-utc-has = the round's closing time ({ $closes_at } UTC) has passed
the-session-has-ended-sign-in-again = the session has ended; sign in again
the-token-request-needs-client-credentials = send the client's id and secret with HTTP Basic authentication or as client_id and client_secret in the form
thing = { $name ->
        [action] action
        [action_plan] action plan
        [api_client] API client
        [area] area
        [ballot] ballot
        [budget_line] budget line
        [comment] comment
        [commitment] commitment
        [edition] edition
        [envelope] envelope
        [expenditure] expenditure
        [funding] funding
        [file] file
        [milestone] milestone
        [objective] objective
        [plan_version] plan version
        [proposal] proposal
        [role_grant] role grant
        [round] round
        [support] support
        [user] user
        [webhook] webhook
       *[object] object
    }
this-api-client-was-revoked = this API client was revoked
this-code-has-been-used-already = this code has been used already ({ $channel })
this-code-has-been-used-already-2 = this code has been used already
this-entry-is-a-reversal-of-book = this entry is a reversal of { $original }; book a new entry instead
this-envelope-has-a-voting-round-already = this envelope has a voting round already
this-idempotency-key-was-used-for-a = this Idempotency-Key was used for a different request: use a new key for new content
this-is-the-last-administrator-s-role = this is the last administrator's role; grant the role to someone else first
this-is-the-last-project-on-the = this is the last project on the ballot: cancel or close the round instead
this-needs-the-admin-role = this needs the admin role
this-needs-the-admin-role-or-the = this needs the admin role, or the area_worker role with area_id set to an area of it
this-needs-the-reviewer-role = this needs the reviewer role
this-plan-version-has-a-line-for = this plan version has a line for this year, action, policy field and account
this-proposal-cannot-be-co-signed = this proposal cannot be co-signed
this-proposal-is-not-assigned-to-your = this proposal is not assigned to your department
this-round-does-not-use-voting-codes = this round does not use voting codes (set uses_codes first)
this-round-votes-with-the-codes-sent = this round votes with the codes sent by letter
this-voter-appears-twice-in-the-file = this voter appears twice in the file
translation-has-no-such-text = this has no such text to translate
type-must-be-polygon-or-multipolygon-not = type must be Polygon or MultiPolygon, not { $other }
unique-value-taken = a record with this unique value exists already
unknown-client-or-wrong-secret = unknown client, revoked client or wrong secret
unknown-column = unknown column { $column }
unknown-field = is not a field of this request
unknown-parameter = unknown parameter: this operation takes { $known }
unknown-parameter-none = unknown parameter: this operation takes no query parameters
unknown-scope = { $name } is not a scope
unsubscribe-link-not-valid = this unsubscribe link is not valid; choose your notifications on your page instead
upload-file-is-empty = the file is empty
upload-name-and-content-disagree = the file's name or type says something else than what it contains
upload-needs-a-file = choose a file to upload
upload-only-pictures-and-pdf = only JPEG, PNG and WebP pictures and PDF documents can be attached
upload-picture-unreadable = the picture cannot be read, or is larger than 12000 pixels a side
verify-your-e-mail-address-first = verify your e-mail address first
voted-already = voted already ({ $channel })
voting-has-started-the-base-of-this = voting has started: the base of this edition is frozen
voting-has-started-the-money-rules-of = voting has started: the money rules of this edition (base, percentage, allocation, areas, envelopes) are frozen
was-used-already = was used already ({ $channel })
webhook-disabled-mail-body = The webhook { $id } to { $url } failed { $failures } times in a row, so it no longer sends. Its deliveries are kept: once the receiver works again, switch the webhook on (PATCH /api/v1/webhooks/{ $id } with enabled: true) and replay what it missed.
webhook-disabled-mail-subject = Webhook to { $url } switched off after { $failures } failed deliveries
webhook-url-needs-https = a webhook goes to an https:// address (http:// only to this machine)
webhook-url-not-an-address = is not a web address
wrong-shape = { $shape ->
        [whole_number] must be a whole number
        [number] must be a number
        [text] must be text
        [boolean] must be true or false
        [list] must be a list
        [object] must be an object
        [date_time] must be a date and time such as 2026-05-01T09:00:00
       *[other] does not have the expected type or form
    }
year-between = must be a year between { $min } and { $max }
you-reported-this-comment-already = you reported this comment already; the moderators will look at it
you-reported-this-proposal-already-the-moderators = you reported this proposal already; the moderators have your report
you-voted-on-paper-in-this-round = you voted on paper in this round; that ballot counts
