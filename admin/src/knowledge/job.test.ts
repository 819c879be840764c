import { describe, expect, it } from "vitest";
import { jobText, merge } from "./job";

const live = (pagesDone: number, status: "running" | "done" = "running") => ({ jobId: "j1", site: "https://acme.test/", pagesDone, pagesFailed: 0, status, currentUrl: "https://acme.test/a" });

describe("a crawl's progress", () => {
  it("shows whichever of the poll and the socket is further on", () => {
    expect(merge({ status: "running", pagesDone: 3, pagesFailed: 0 }, live(7))).toMatchObject({ pagesDone: 7, currentUrl: "https://acme.test/a" });
    expect(merge({ status: "running", pagesDone: 9, pagesFailed: 0 }, live(7))).toMatchObject({ pagesDone: 9, currentUrl: "https://acme.test/a" });
    expect(merge({ status: "running", pagesDone: 9, pagesFailed: 0 }, live(8, "done"))).toMatchObject({ status: "done", pagesDone: 8, currentUrl: null });
    expect(merge({ status: "failed", pagesDone: 9, pagesFailed: 0, error: "boom" }, live(9))).toMatchObject({ status: "failed", error: "boom", currentUrl: null });
    expect(merge(null, undefined)).toBeNull();
  });

  it("says it in words", () => {
    expect(jobText(null)).toBe("Waiting to start…");
    expect(jobText({ status: "running", pagesDone: 1, pagesFailed: 0 })).toBe("1 page read");
    expect(jobText({ status: "done", pagesDone: 1, pagesFailed: 0 })).toBe("Done: 1 page.");
    expect(jobText({ status: "failed", pagesDone: 0, pagesFailed: 0 })).toBe("Failed: the crawl stopped (0 pages read).");
  });
});
