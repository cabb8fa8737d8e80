// The scanner's simulator is SANE's own "test" backend, in a private SANE_CONFIG_DIR so the
// system's configuration is untouched. Faults are injected the way the backend supports them
// (its read-status-code option, written to test.conf) and unplugging removes it from dll.conf;
// the real driver runs scanimage against it unchanged.
import fs from 'node:fs';
import path from 'node:path';

export type SaneSimFault = 'none' | 'jammed' | 'cover-open' | 'no-documents';

const STATUS: Record<SaneSimFault, string> = {
  none: 'Default',
  jammed: 'SANE_STATUS_JAMMED',
  'cover-open': 'SANE_STATUS_COVER_OPEN',
  'no-documents': 'SANE_STATUS_NO_DOCS',
};

export class SaneTestSim {
  readonly device = 'test:0';
  private fault: SaneSimFault = 'none';

  constructor(readonly configDir: string) {
    fs.mkdirSync(configDir, { recursive: true });
    this.replug();
    this.writeTestConf();
  }

  get currentFault(): SaneSimFault {
    return this.fault;
  }

  setFault(f: SaneSimFault): void {
    this.fault = f;
    this.writeTestConf();
  }

  unplug(): void {
    this.write('dll.conf', '# scanner unplugged (simulator)\n');
  }

  replug(): void {
    this.write('dll.conf', 'test\n');
  }

  /** Atomic, so a scanimage starting at that moment never reads half a file. */
  private write(name: string, text: string): void {
    const file = path.join(this.configDir, name);
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
  }

  private writeTestConf(): void {
    const conf = [
      'number_of_devices 1',
      'mode Color',
      'depth 8',
      'hand-scanner false',
      'three-pass false',
      'three-pass-order RGB',
      'resolution_min 1.0',
      'resolution_max 1200.0',
      'resolution_quant 1.0',
      'resolution 75.0',
      'test-picture "Color pattern"',
      'invert-endianess false',
      'read-limit false',
      'read-limit-size 1',
      'read-delay false',
      'read-delay-duration 1000',
      `read-status-code "${STATUS[this.fault]}"`,
      'fuzzy-parameters false',
      'ppl-loss 0',
      'non-blocking false',
      'select-fd false',
      'enable-test-options false',
      'geometry_min 0.0',
      'geometry_max 200.0',
      'geometry_quant 1.0',
      'tl_x 0.0',
      'tl_y 0.0',
      'br_x 200.0',
      'br_y 200.0',
    ].join('\n');
    this.write('test.conf', conf + '\n');
  }
}
