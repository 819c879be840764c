import { useEffect, useRef } from "react";
import type { Route } from "../console/route";
import { filtersFrom, isFiltered, paramsOfFilters, type MonitorFilters } from "./filters";
import type { MonitorClient } from "./monitorClient";

/**
 * Keeps the monitor's filters in the address bar: when the page opens with
 * filters in its params (a bookmark, a shared link, a reload, Back) they
 * are applied; otherwise the filters already set (kept while visiting
 * another page) are written there. Every change after replaces the params,
 * without a new history entry.
 */
export function useFiltersInAddress(monitor: MonitorClient, route: Route, filters: MonitorFilters): void {
  const opened = useRef(false);
  useEffect(() => {
    if (!opened.current) {
      opened.current = true;
      const asked = filtersFrom(route.params);
      if (isFiltered(asked)) return monitor.setFilters(asked);
    }
    route.replace(paramsOfFilters(filters));
    // `route` is new with every address: the params are read once, written on each change of the filters
  }, [filters]);
}
