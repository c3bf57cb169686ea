"""A resident's journey and a staff call through a Python client generated from the OpenAPI
document with openapi-python-client, written as a third-party frontend team would write it.

Run by .ci/client-journeys against a server on the demo city (`wijkbudget seed-demo`), with the
generated package `wijkbudget_client` on PYTHONPATH and these settings:
JOURNEY_BASE_URL, JOURNEY_MAIL_DIR (the server's MAIL_URL=file:// folder),
JOURNEY_ADMIN_EMAIL and JOURNEY_ADMIN_PASSWORD (the demo city's administrator).
Exits non-zero, naming the step, at the first answer that is not the expected one.
"""

import email
import email.policy
import os
import re
import sys
import time
import uuid
from pathlib import Path

from wijkbudget_client import AuthenticatedClient, Client
from wijkbudget_client.api.auth import login, refresh, register, verify_email
from wijkbudget_client.api.editions import list_editions
from wijkbudget_client.api.me import get_me
from wijkbudget_client.api.proposals import list_proposals, support_proposal
from wijkbudget_client.api.rounds import cast_ballot, get_ballot, get_results, get_round, list_rounds
from wijkbudget_client.api.users import verify_residency
from wijkbudget_client.models import (
    BallotBody,
    LoginRequest,
    Phase,
    Problem,
    ProposalState,
    RefreshRequest,
    RegisterRequest,
    ResidencyMethod,
    RoundState,
    TokenRequest,
    VerifyResidency,
)
from wijkbudget_client.types import Unset

BASE_URL = os.environ["JOURNEY_BASE_URL"]
MAIL_DIR = Path(os.environ["JOURNEY_MAIL_DIR"])


def expect(step, response, status):
    if response.status_code != status:
        sys.exit(f"{step}: expected {status}, got {response.status_code}: {response.content[:400]!r}")
    print(f"ok  {step} ({status})")
    return response.parsed


def mailed_token(address, path):
    """The token of the link to `path` in the newest mail to `address`, once it is sent."""
    for _ in range(100):
        for file in sorted(MAIL_DIR.glob("*.eml"), key=lambda f: f.stat().st_mtime, reverse=True):
            message = email.message_from_bytes(file.read_bytes(), policy=email.policy.default)
            if address not in str(message["To"]):
                continue
            text = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(re.escape(path) + r"\?token=([A-Za-z0-9_\-]+)", text)
            if found:
                return found.group(1)
        time.sleep(0.1)
    sys.exit(f"no mail to {address} with a link to {path}")


def signed_in(address, password, step):
    client = Client(base_url=BASE_URL)
    tokens = expect(step, login.sync_detailed(client=client, body=LoginRequest(email=address, password=password)), 200)
    return tokens, AuthenticatedClient(base_url=BASE_URL, token=tokens.access_token)


def edition_in(client, phase):
    page = expect(f"list editions in phase {phase.value}", list_editions.sync_detailed(client=client), 200)
    return next(e for e in page.items if e.phase == phase)


def main():
    anonymous = Client(base_url=BASE_URL)
    address = f"resident-{uuid.uuid4().hex[:12]}@example.org"
    password = "a long journey through the generated client"

    voting = edition_in(anonymous, Phase.VOTING)
    rounds = expect("list the voting edition's rounds", list_rounds.sync_detailed(voting.id, client=anonymous), 200)
    open_round = next(r for r in rounds if r.status == RoundState.OPEN)
    area_id = open_round.area_id

    expect(
        "register",
        register.sync_detailed(
            client=anonymous,
            body=RegisterRequest(email=address, password=password, display_name="Python Bewoner", area_id=area_id),
        ),
        202,
    )
    token = mailed_token(address, "/verify-email")
    expect("verify the e-mailed link", verify_email.sync_detailed(client=anonymous, body=TokenRequest(token=token)), 204)
    tokens, resident = signed_in(address, password, "sign in")
    me = expect("read my account", get_me.sync_detailed(client=resident), 200)
    assert me.email == address and me.email_verified, me

    _, admin = signed_in(os.environ["JOURNEY_ADMIN_EMAIL"], os.environ["JOURNEY_ADMIN_PASSWORD"], "staff signs in")
    refused = expect(
        "staff verifies residency in an area that does not exist",
        verify_residency.sync_detailed(me.id, client=admin, body=VerifyResidency(area_id=-1, method=ResidencyMethod.IN_PERSON)),
        422,
    )
    assert isinstance(refused, Problem), refused
    assert refused.status == 422 and not isinstance(refused.errors, Unset), refused
    assert [e.field for e in refused.errors] == ["area_id"], refused.errors
    print(f"    problem+json read through the client: {refused.code.value}: {refused.errors[0].message}")
    expect(
        "staff verifies residency in person",
        verify_residency.sync_detailed(me.id, client=admin, body=VerifyResidency(area_id=area_id, method=ResidencyMethod.IN_PERSON)),
        200,
    )

    tokens = expect("refresh", refresh.sync_detailed(client=anonymous, body=RefreshRequest(refresh_token=tokens.refresh_token)), 200)
    resident = AuthenticatedClient(base_url=BASE_URL, token=tokens.access_token)

    support_edition = edition_in(resident, Phase.SUPPORT)
    page = expect(
        "list submitted proposals of my area",
        list_proposals.sync_detailed(support_edition.id, client=resident, area_id=area_id, state=ProposalState.SUBMITTED),
        200,
    )
    assert page.items and all(p.area_id == area_id and p.state == ProposalState.SUBMITTED for p in page.items), page
    chosen = page.items[0]
    supported = expect("support a proposal", support_proposal.sync_detailed(chosen.id, client=resident), 201)
    assert supported.supported_by_me and supported.support_count == chosen.support_count + 1, supported

    ballot_round = expect("read the open round", get_round.sync_detailed(open_round.id, client=resident), 200)
    choice = [ballot_round.projects[0].proposal_id]
    cast = expect("vote", cast_ballot.sync_detailed(open_round.id, client=resident, body=BallotBody(project_ids=choice)), 201)
    kept = expect("read my ballot and its receipt", get_ballot.sync_detailed(open_round.id, client=resident), 200)
    assert kept.receipt == cast.receipt and kept.project_ids == choice, (cast, kept)

    decided = edition_in(anonymous, Phase.DECISION)
    closed = next(
        r for r in expect("list the decided edition's rounds", list_rounds.sync_detailed(decided.id, client=anonymous), 200)
        if r.status == RoundState.CLOSED
    )
    results = expect("read the round's results", get_results.sync_detailed(closed.id, client=anonymous), 200)
    assert any(p.selected for p in results.projects), results
    print("the Python journey passed")


if __name__ == "__main__":
    main()
