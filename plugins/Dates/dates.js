// Calendar arithmetic in UTC, so no time zone or daylight-saving shift ever moves a date.
const DAY_MS = 86400000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function parseDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text).trim());
  if (!match) {
    throw new Error("'" + text + "' is not a date in the form YYYY-MM-DD");
  }
  const year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error("'" + text + "' is not a real calendar date");
  }
  return ms;
}

function formatDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function dateDiff(args) {
  return { days: Math.round((parseDate(args.to) - parseDate(args.from)) / DAY_MS) };
}

function dateAdd(args) {
  const ms = parseDate(args.date) + args.days * DAY_MS;
  return { date: formatDate(ms), weekday: WEEKDAYS[new Date(ms).getUTCDay()] };
}
