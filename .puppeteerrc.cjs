// pa11y drives Debian's Chromium (tests/support/browser.ts): puppeteer downloads no browser of its own.
module.exports = { skipDownload: true };
