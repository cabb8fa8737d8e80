// Receipt printer models a technician is likely to meet in a hall, by the USB id the printer
// shows. Every row says where its id comes from: the usb.ids database (Debian package usb.ids
// 2025.07.26, /usr/share/misc/usb.ids) or, for the USB bridge chips of unbranded printers, the
// ESC/POS projects' compatibility reports. A row without `productId` matches every product of a
// vendor that makes only POS hardware; a `bridge` row is a chip also used by other devices, so a
// match there is "probably a receipt printer", to be confirmed with a test print.

export interface ReceiptModel {
  vendorId: string;
  /** absent: any product of this vendor */
  productId?: string;
  maker: string;
  model: string;
  /** the id belongs to a USB bridge chip shared with non-printers */
  bridge?: true;
  source: string;
}

const USB_IDS = 'usb.ids 2025.07.26';
const BRIDGE_REPORTS = 'ESC/POS users\u2019 reports: github.com/receipt-print-hq/chrome-raw-print manifest.json, github.com/mike42/escpos-php issue 413';

export const RECEIPT_MODELS: readonly ReceiptModel[] = [
  { vendorId: '04b8', productId: '0202', maker: 'Epson', model: 'TM-T88IV / TM-T70 (UB-U05)', source: USB_IDS },
  { vendorId: '04b8', productId: '0e03', maker: 'Epson', model: 'TM-T20', source: USB_IDS },
  { vendorId: '04b8', productId: '0e31', maker: 'Epson', model: 'TM-L100', source: USB_IDS },
  { vendorId: '0519', productId: '0003', maker: 'Star Micronics', model: 'TSP100ECO / TSP100II', source: USB_IDS },
  { vendorId: '0519', maker: 'Star Micronics', model: 'TSP / mC series', source: USB_IDS },
  { vendorId: '1d90', productId: '20f0', maker: 'Citizen', model: 'CT-E351', source: USB_IDS },
  { vendorId: '2730', productId: '0fff', maker: 'Citizen', model: 'CT-S2000 / CT-S4000 / CT-S310', source: USB_IDS },
  { vendorId: '2730', maker: 'Citizen', model: 'CT-S series', source: USB_IDS },
  { vendorId: '1504', productId: '001f', maker: 'Bixolon', model: 'SRP-350II', source: USB_IDS },
  { vendorId: '1504', maker: 'Bixolon', model: 'SRP series', source: USB_IDS },
  { vendorId: '154f', maker: 'SNBC 新北洋', model: 'BTP series', source: USB_IDS },
  { vendorId: '0dd4', productId: '0237', maker: 'Custom', model: 'K80', source: USB_IDS },
  { vendorId: '0dd4', maker: 'Custom', model: 'kiosk printer', source: USB_IDS },
  { vendorId: '13ea', productId: '0001', maker: 'Hengstler', model: 'C-56', source: USB_IDS },
  { vendorId: '2d37', maker: 'Zhuhai Poskey', model: 'POS printer', source: USB_IDS },
  { vendorId: '0416', productId: '5011', maker: 'Xprinter / Zjiang (Winbond bridge)', model: 'XP-58 / ZJ-5890 class', bridge: true, source: BRIDGE_REPORTS },
  {
    vendorId: '0fe6',
    productId: '811e',
    maker: 'GPrinter 佳博 / Xprinter clones (ICS Advent bridge)',
    model: '58 / 80 mm',
    bridge: true,
    source: `${USB_IDS} (Parallel Adapter); python-escpos users' reports`,
  },
];

export interface ModelMatch {
  model: ReceiptModel;
  /** `product`: this exact printer; `vendor`: a POS maker's other product; `bridge`: a shared chip */
  certainty: 'product' | 'vendor' | 'bridge';
}

const hex4 = (s: string) => s.toLowerCase().replace(/^0x/, '').padStart(4, '0');

/** The table's best row for a USB id, or null when it is not a known receipt printer. */
export function matchReceiptModel(vendorId: string, productId: string): ModelMatch | null {
  const v = hex4(vendorId);
  const p = hex4(productId);
  const exact = RECEIPT_MODELS.find((m) => m.vendorId === v && m.productId === p);
  if (exact) return { model: exact, certainty: exact.bridge ? 'bridge' : 'product' };
  const vendor = RECEIPT_MODELS.find((m) => m.vendorId === v && m.productId === undefined);
  return vendor ? { model: vendor, certainty: 'vendor' } : null;
}
