import { countyOption, onTrackCount, taskLoadOption, townOption } from '../../client/src/dashboard/progressOptions';
import type { ProgressReport } from '../../server/src/contract';
import { startApiHarness } from '../api/api-harness';
import type { ApiHarness } from '../api/api-harness';

let harness: ApiHarness;
beforeAll(async () => { harness = await startApiHarness(); });
afterAll(async () => { await harness.close(); });

const t = (key: string, vars: Record<string, string | number> = {}) => `${key}${JSON.stringify(vars)}`;
const seriesData = (option: any, index: number): unknown[] => option.series[index].data;

describe('the dashboard charts read the progress report as the API answers it', () => {
  it('When the county has exits in a target year, then the county, town and task charts show them in percent', async () => {
    const county = await harness.login('xian');
    const first = (await county.get<ProgressReport>('/api/reports/progress')).body;
    const year = first.targets[1].year;
    // 华城镇: 10 registered people the year before, 4 of them out of poverty during the target year.
    const { pool } = harness.services.db;
    const { rows: [town] } = await pool.query(`SELECT path FROM org_units WHERE name = '华城镇'`);
    const registered = new Date(Date.UTC(year - 1, 5, 1));
    const insert = `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, status, data, registered_at, updated_at)
      VALUES (gen_random_uuid(), '441424', $1, $2, $3, $4, $5, $6, $7, $8)`;
    await pool.query(insert, [`${town.path.split('/').pop()}201`, `${town.path}/${town.path.split('/').pop()}201`, '甲', '441424196803153012', '已脱贫', { members: [{}, {}, {}, {}] }, registered, new Date(Date.UTC(year, 5, 1))]);
    await pool.query(insert, [`${town.path.split('/').pop()}201`, `${town.path}/${town.path.split('/').pop()}201`, '乙', '441424196803153039', '未脱贫', { members: [{}, {}, {}, {}, {}, {}] }, registered, registered]);

    const reports = await Promise.all(first.targets.map(async (target) => (await county.get<ProgressReport>(`/api/reports/progress?year=${target.year}`)).body));
    const index = reports.findIndex((report) => report.year === year);
    const huacheng = reports[index].towns.findIndex((row) => row.name === '华城镇');
    expect(reports[index].totals).toMatchObject({ poorPeople: 10, exitedPeople: 4 });

    const countyChart = countyOption(reports, t) as any;
    expect(countyChart.xAxis.data).toEqual(reports.map((report) => String(report.year)));
    expect(seriesData(countyChart, 0)[index]).toBe(40);
    expect(seriesData(countyChart, 1)).toEqual(reports.map((report) => Math.round(report.targetShare * 1000) / 10));

    const townChart = townOption(reports, t) as any;
    expect(townChart.xAxis.data).toHaveLength(16);
    expect(seriesData(townChart, index)[huacheng]).toBe(40);
    for (const series of townChart.series) for (const value of series.data) expect(Number.isFinite(value)).toBe(true);

    const tasks = taskLoadOption(reports[index], t) as any;
    expect(tasks.series.map((s: any) => s.data.length)).toEqual([16, 16]);
    // Only 华城镇 has registered people: the other 15 towns meet a target of none and are not counted.
    expect(reports[index].towns.filter((row) => row.poorPeople === 0 && row.onTrack)).toHaveLength(15);
    expect(onTrackCount(reports[index])).toEqual({ onTrack: reports[index].towns[huacheng].onTrack ? 1 : 0, towns: 1 });
  });
});
