// The scenario shared by the views: routing and the what-if changes to the server's case.
export const scenario = {
  routing: "",          // "" = the first feasible option
  ships: "",
  speed_kn: "",
  panama_draft_limit_m: "",
};

export function planParams(extra = {}) {
  return { ships: scenario.ships, speed_kn: scenario.speed_kn,
    panama_draft_limit_m: scenario.panama_draft_limit_m, ...extra };
}

let caseDoc = null;

export function setCase(doc) {
  caseDoc = doc;
}

export function currentCase() {
  return caseDoc;
}
