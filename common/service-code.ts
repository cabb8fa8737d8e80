// 事项编码: the one shape a service code has wherever it crosses a boundary (catalog, submission,
// route parameters).
export const SERVICE_CODE_PATTERN = /^[0-9A-Z-]{8,40}$/;
