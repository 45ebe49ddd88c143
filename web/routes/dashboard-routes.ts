import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { chartCsv, chartKeys, dashboardStats } from "../../core/console/index.js";
import { supervisorsOnly } from "../auth.js";
import type { ConsoleDeps } from "../console-deps.js";
import { html, jsonForScript } from "../html.js";
import { layout, pageContext, sendPage } from "../page.js";

/**
 * The supervisors' dashboard: each chart is drawn by uPlot from JSON embedded in the page,
 * with the same numbers as a table under it (readable without JavaScript) and as CSV.
 */
export function dashboardRoutes(deps: ConsoleDeps): FastifyPluginAsync {
  return async (app) => {
    // Registered in this plugin's own scope: it guards the dashboard's routes only.
    app.addHook("preHandler", supervisorsOnly);

    app.get("/dashboard", async (request, reply) => {
      const charts = await dashboardStats(deps.staff.db, { now: deps.staff.clock.now() });
      const c = pageContext(deps, request, reply);
      const seriesName = (key: string, name: string) => c.t(`series-${name}`, { key });
      const content = charts.map(
        (chart) =>
          html`<section class="chart-block">
            <h2>${c.t(`chart-${chart.key}`)}</h2>
            <div class="chart" data-chart="${chart.key}" data-kind="${chart.kind}"></div>
            <script type="application/json" id="chart-${chart.key}">
              ${jsonForScript({
                labels: chart.labels,
                series: chart.series.map((s) => ({
                  name: seriesName(chart.key, s.name),
                  values: s.values,
                })),
              })}
            </script>
            <details ${chart.labels.length <= 10 ? "open" : ""}>
              <summary>
                ${c.t("chart-table")} · <a href="/console/dashboard/${chart.key}.csv">CSV</a>
              </summary>
              <table class="data">
                <thead>
                  <tr>
                    <th></th>
                    ${chart.series.map((s) => html`<th>${seriesName(chart.key, s.name)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${chart.labels.map(
                    (label, i) =>
                      html`<tr>
                        <th>${label}</th>
                        ${chart.series.map((s) => html`<td>${s.values[i] ?? 0}</td>`)}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </details>
          </section>`,
      );
      return sendPage(
        reply,
        layout(
          c,
          c.t("dashboard-title"),
          html`<p>${c.t("dashboard-period")}</p>
            ${content}`,
          html`<link rel="stylesheet" href="/console/assets/uPlot.min.css" />
            <script src="/console/assets/uPlot.iife.min.js" defer></script>
            <script src="/console/assets/charts.js" defer></script>`,
        ),
      );
    });

    app.get("/dashboard/:file", async (request, reply) => {
      const { file } = z
        .object({ file: z.enum(chartKeys.map((k) => `${k}.csv`) as [string, ...string[]]) })
        .parse(request.params);
      const charts = await dashboardStats(deps.staff.db, { now: deps.staff.clock.now() });
      const chart = charts.find((ch) => `${ch.key}.csv` === file)!;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file}"`)
        .send(chartCsv(chart));
    });
  };
}
