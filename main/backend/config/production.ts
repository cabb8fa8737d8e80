// What a production build refuses in an otherwise valid config: the development conveniences
// that would turn a terminal into a demo — a fake central in its own process, simulated
// devices, and the developer API (raw queue, simulator controls). Reported field by field like
// any other config problem, so boot ends with exit 78 (needs a technician, not a restart).
import type { ConfigFieldProblem } from './load';
import type { KioskConfig } from './schema';

export function productionConfigProblems(config: KioskConfig): ConfigFieldProblem[] {
  const problems: ConfigFieldProblem[] = [];
  if (config.centralUrl === null)
    problems.push({
      field: 'centralUrl',
      message: '正式版必须配置中心系统地址（内置参考中心仅供开发演示）/ a production build needs centralUrl (the embedded reference central is for development only)',
    });
  if (config.devTools) problems.push({ field: 'devTools', message: '正式版不能开启开发工具 / devTools cannot be enabled in a production build' });
  config.devices.forEach((d, i) => {
    if (d.mode === 'simulator')
      problems.push({
        field: `devices.${i}.mode`,
        message: `正式版不含设备模拟器，请配置真实设备 / a production build has no device simulators: configure the real ${d.kind}`,
      });
  });
  return problems;
}
