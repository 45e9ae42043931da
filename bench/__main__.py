import os
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nmirf.settings_test")
    django.setup()
    from django.db import connection

    from bench import imports, portal, repeats, reports, workspace

    if connection.vendor != "postgresql":
        print("make bench needs DATABASE_URL pointing at PostgreSQL", file=sys.stderr)
        return 1
    scale = float(os.environ.get("BENCH_SCALE", "1"))
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        for module in (
            portal,
            workspace,
            imports,
            reports,
            repeats,
        ):  # portal first: it removes its data after
            module.run(scale=scale)
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
