// The words for a form answer's problem (common/form-schema.ts finds it, as a code and figures):
// the field's own label in quotes, what is wrong and how to put it right, Chinese and English.
import type { Words } from '../../../common/device-words';
import type { FormField } from '../../../common/form-schema';
import type { FieldProblemDetail } from '../../../common/form-validation';

export function fieldProblemText(p: FieldProblemDetail, f: Pick<FormField, 'label' | 'kind'>): Words {
  const zh = `“${f.label.zh}”`;
  const en = `"${f.label.en}"`;
  switch (p.code) {
    case 'required':
      return f.kind === 'select' ? { zh: `请选择${zh}`, en: `Please choose ${en}` } : { zh: `请填写${zh}`, en: `Please fill in ${en}` };
    case 'wrong-type':
      return { zh: `${zh}应填写文字`, en: `${en} should be written as text` };
    case 'too-long':
      return { zh: `${zh}最多 ${p.max} 个字，现在有 ${p.length} 个，请精简`, en: `${en} can be at most ${p.max} characters; it has ${p.length}, please shorten it` };
    case 'bad-characters':
      return f.kind === 'textarea'
        ? { zh: `${zh}含有无法识别的隐藏字符，请删除后重新填写`, en: `${en} contains hidden characters that cannot be accepted; please delete them and type it again` }
        : { zh: `${zh}只能填写一行文字，且不能含有隐藏字符，请重新填写`, en: `${en} must be a single line without hidden characters; please type it again` };
    case 'id-length':
      return { zh: `身份证号码应为 18 位，现在是 ${p.length} 位，请核对`, en: `The ID number has 18 characters; this one has ${p.length}, please check` };
    case 'id-characters':
      return { zh: '身份证号码只能是数字，最后一位可以是 X，请核对', en: 'The ID number may contain only digits, with X allowed as the last character; please check' };
    case 'id-birth-date':
      return { zh: '身份证号码中的出生日期不存在，请核对', en: 'The date of birth inside the ID number does not exist; please check' };
    case 'id-checksum':
      return { zh: '身份证号码校验位不正确，请核对', en: "The ID number's check digit is wrong; please check" };
    case 'phone-characters':
      return { zh: '手机号码只能填写数字，请去掉空格或其他符号', en: 'The mobile number may contain digits only; please remove spaces and other signs' };
    case 'phone-length':
      return { zh: `手机号码应为 11 位数字，现在是 ${p.length} 位，请核对`, en: `A mobile number has 11 digits; this one has ${p.length}, please check` };
    case 'phone-prefix':
      return { zh: '手机号码应以 13 至 19 开头，请核对', en: 'A mobile number starts with 13 to 19; please check' };
    case 'date-format':
      return { zh: `${zh}请按“年-月-日”填写，例如 1990-03-07`, en: `Please write ${en} as year-month-day, for example 1990-03-07` };
    case 'date-not-real':
      return { zh: `${zh}填写的 ${p.value} 这一天不存在，请核对`, en: `${en}: ${p.value} is not a real date, please check` };
    case 'date-in-future':
      return { zh: `${zh}不能晚于今天（${p.today}）`, en: `${en} cannot be later than today (${p.today})` };
    case 'not-an-option':
      return { zh: `${zh}的“${p.value}”不在可选范围内，请重新选择`, en: `${en}: "${p.value}" is not one of the choices, please choose again` };
    case 'not-a-number':
      return { zh: `${zh}应填写数字，例如 12 或 3.5`, en: `${en} should be a number, for example 12 or 3.5` };
    case 'not-whole':
      return { zh: `${zh}应填写整数，不带小数`, en: `${en} should be a whole number, without decimals` };
    case 'below-min':
      return { zh: `${zh}不能小于 ${p.min}`, en: `${en} cannot be less than ${p.min}` };
    case 'above-max':
      return { zh: `${zh}不能大于 ${p.max}`, en: `${en} cannot be more than ${p.max}` };
  }
}
