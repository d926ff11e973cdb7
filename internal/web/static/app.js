// The query console of ecograph's home page: it POSTs the query and its
// variables to /graphql and shows the answer, pretty-printed, with any
// errors (GraphQL, HTTP or network) listed above it.
"use strict";

// EXAMPLES are the queries on the seed network that the example buttons
// (data-example="key") put in the boxes.
const EXAMPLES = {
  "search-sch": {
    query: `query Search($text: String!) {
  search(text: $text) {
    score
    matched
    actor {
      id
      kind
      name
    }
  }
}`,
    variables: { text: "SCH" },
  },
  "sch-relations": {
    query: `query ActorRelations($id: ID!) {
  actor(id: $id) {
    name
    aliases
    relations {
      totalCount
      edges {
        direction
        node {
          type
        }
        other {
          name
          kind
        }
      }
    }
  }
}`,
    variables: { id: "soonchunhyang-university" },
  },
  "path-to-ministry": {
    query: `query Path($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to) {
    length
    actors {
      name
    }
    relations {
      type
    }
  }
}`,
    variables: { from: "soonchunhyang-university", to: "ministry-of-digital-technologies" },
  },
  "events": {
    query: `{
  actors(kinds: [EVENT]) {
    totalCount
    edges {
      node {
        name
        ... on Event {
          startDate
          online
        }
      }
    }
  }
}`,
  },
  "it-park-neighborhood": {
    query: `query Neighborhood($id: ID!) {
  neighborhood(id: $id) {
    truncated
    actors {
      name
      kind
    }
    relations {
      type
      from {
        name
      }
      to {
        name
      }
    }
  }
}`,
    variables: { id: "it-park-uzbekistan" },
  },
};

// ENDPOINT is relative, so that the page also works behind a proxy that
// serves ecograph under a path prefix.
const ENDPOINT = "graphql";
const TIMEOUT_MS = 30000;

const form = document.getElementById("query-form");
const queryBox = document.getElementById("query");
const variablesBox = document.getElementById("variables");
const answer = document.getElementById("answer");
const statusLine = document.getElementById("status");
const errorsBox = document.getElementById("errors");
const errorList = document.getElementById("error-list");
const result = document.getElementById("result");

let runs = 0;
let inFlight = null;

// finish shows the outcome of a run: state is "ok" or "error"; errors
// are GraphQL-shaped ({message, extensions, locations, path}).
function finish(state, status, errors, text) {
  runs += 1;
  answer.dataset.runs = String(runs);
  answer.dataset.state = state;
  answer.removeAttribute("aria-busy");
  statusLine.textContent = status;
  showErrors(errors);
  result.textContent = text;
}

function showErrors(errors) {
  errorList.replaceChildren();
  for (const e of errors) {
    const item = document.createElement("li");
    const message = document.createElement("strong");
    message.textContent = typeof e.message === "string" ? e.message : JSON.stringify(e);
    item.append(message);
    const details = [];
    if (e.extensions && e.extensions.code) {
      details.push(String(e.extensions.code));
    }
    if (Array.isArray(e.locations)) {
      for (const l of e.locations) {
        details.push(`line ${l.line}, column ${l.column}`);
      }
    }
    if (Array.isArray(e.path)) {
      details.push("at " + e.path.join("."));
    }
    if (details.length > 0) {
      const small = document.createElement("span");
      small.className = "error-details";
      small.textContent = details.join(" · ");
      item.append(" ", small);
    }
    errorList.append(item);
  }
  errorsBox.hidden = errors.length === 0;
}

// readVariables parses the variables box: empty means none.
function readVariables() {
  const text = variablesBox.value.trim();
  variablesBox.removeAttribute("aria-invalid");
  if (text === "") {
    return { ok: true, value: undefined };
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    variablesBox.setAttribute("aria-invalid", "true");
    return { ok: false, message: `The variables are not valid JSON: ${err.message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    variablesBox.setAttribute("aria-invalid", "true");
    return { ok: false, message: 'The variables must be a JSON object, such as {"id": "it-park-uzbekistan"}.' };
  }
  return { ok: true, value };
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

async function run() {
  const query = queryBox.value;
  if (query.trim() === "") {
    finish("error", "Nothing to run.", [{ message: "The query box is empty: write a query or pick an example." }], "");
    return;
  }
  const variables = readVariables();
  if (!variables.ok) {
    finish("error", "Not sent.", [{ message: variables.message }], "");
    return;
  }

  // A new run replaces one still under way.
  if (inFlight) {
    inFlight.abort();
  }
  const controller = new AbortController();
  inFlight = controller;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);

  answer.dataset.state = "running";
  answer.setAttribute("aria-busy", "true");
  statusLine.textContent = "Running…";
  const started = performance.now();

  let response;
  let text;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ query, variables: variables.value }),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (err) {
    if (inFlight !== controller) {
      return; // replaced by a newer run, which owns the page now
    }
    inFlight = null;
    const message = timedOut
      ? `No answer from /graphql within ${TIMEOUT_MS / 1000} seconds.`
      : `Could not reach /graphql (${err.message}). Is the server running?`;
    finish("error", "Network error.", [{ message }], "");
    return;
  } finally {
    clearTimeout(timer);
  }
  if (inFlight !== controller) {
    return;
  }
  inFlight = null;

  const ms = Math.round(performance.now() - started);
  const http = `HTTP ${response.status}${response.statusText ? " " + response.statusText : ""}`;
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    finish("error", `${http} · ${ms} ms`,
      [{ message: `The server answered ${http} with something other than JSON.` }], text);
    return;
  }

  let errors = body && Array.isArray(body.errors) ? body.errors : [];
  if (!response.ok && errors.length === 0) {
    errors = [{ message: `The server answered ${http}.` }];
  }
  const pretty = JSON.stringify(body, null, 2);
  if (errors.length === 0) {
    finish("ok", `${http} · ${ms} ms`, [], pretty);
    return;
  }
  const partial = body && body.data ? ", with partial data" : "";
  finish("error", `${http} · ${plural(errors.length, "error")}${partial} · ${ms} ms`, errors, pretty);
}

function loadExample(button) {
  const example = EXAMPLES[button.dataset.example];
  if (!example) {
    return;
  }
  queryBox.value = example.query;
  variablesBox.value = example.variables ? JSON.stringify(example.variables, null, 2) : "";
  variablesBox.removeAttribute("aria-invalid");
  statusLine.textContent = `Loaded the example “${button.textContent}”: press Run.`;
}

for (const button of document.querySelectorAll("button[data-example]")) {
  button.addEventListener("click", () => loadExample(button));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});

// Ctrl+Enter (⌘+Enter on a Mac) runs from anywhere on the page.
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.isComposing) {
    event.preventDefault();
    run();
  }
});
