"""The validation policy of a request: its ``policy`` field, else the server's default.

Clients name a policy (``strict``, ``vn-legacy``, or one the deployment put
in ``$HOSO_DATA_DIR/policies``); a path is refused, so a request can never
make the service read a file of its choosing. An unknown or malformed
policy is the verifier's ``PolicyError`` (422 through the error envelope).
"""

from __future__ import annotations

from api.settings import Settings
from verify import Policy, PolicyNotFoundError, load_policy


def request_policy(settings: Settings, requested: str | None) -> Policy:
    name = (requested or settings.policy).strip()
    if "/" in name or "\\" in name or name.endswith((".yaml", ".yml")):
        raise PolicyNotFoundError(
            f"Trường policy chỉ nhận tên chính sách (ví dụ strict, vn-legacy), không nhận "
            f"đường dẫn tệp: '{name}'."
        )
    return load_policy(name, (settings.policy_dir,))
