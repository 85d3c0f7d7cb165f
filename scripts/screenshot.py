"""Take full-page screenshots of pages, as a person would see them (for looking, not testing).

.venv/bin/python scripts/screenshot.py http://127.0.0.1:8000/ out.png [--mobile]
    [--login email:password] [--base http://127.0.0.1:8000]
"""

import argparse
import os

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", nargs="+", help="url png [url png ...]")
    parser.add_argument("--mobile", action="store_true")
    parser.add_argument("--login")
    parser.add_argument("--lang", default="id")
    args = parser.parse_args()
    pairs = list(zip(args.pairs[::2], args.pairs[1::2], strict=True))
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=ARGS
        )
        viewport = {"width": 390, "height": 844} if args.mobile else {"width": 1280, "height": 900}
        context = browser.new_context(viewport=viewport, locale=args.lang)
        page = context.new_page()
        if args.login:
            email, password = args.login.split(":", 1)
            base = pairs[0][0].split("/", 3)
            page.goto(f"{base[0]}//{base[2]}/akun/masuk/")
            page.fill("input[name=username]", email)
            page.fill("input[name=password]", password)
            page.click("main button[type=submit]")
        for url, path in pairs:
            page.goto(url)
            page.screenshot(path=path, full_page=True)
            print(f"{url} -> {path}")
        browser.close()


if __name__ == "__main__":
    main()
