export { LiveFloorPage } from './lib/live-floor-page/live-floor-page';
export { ChartView, type ChartSeries } from './lib/chart/chart';
