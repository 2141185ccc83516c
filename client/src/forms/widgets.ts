import type { RegistryWidgetsType } from '@rjsf/utils';
import CheckboxesWidget from '@rjsf/antd/lib/widgets/CheckboxesWidget/index.js';
import CheckboxWidget from '@rjsf/antd/lib/widgets/CheckboxWidget/index.js';
import { FileRefWidget } from '../attachments/FileRefWidget';
import { DateWidget } from './DateWidget';
import { BankAccountWidget, MobileWidget, PhoneWidget } from './DigitsWidget';
import { IdCardWidget } from './IdCardWidget';
import { MoneyWidget } from './MoneyWidget';
import { SelectWidget } from './SelectWidget';
import { SignatureWidget } from './SignatureWidget';
import { TextareaWidget } from './TextareaWidget';

/**
 * The widgets our forms use, picked one by one (check boxes from @rjsf/antd, the rest ours): the theme's full set would bring the
 * date-time pickers and the slider onto every clerk's phone. Single choices use the native select
 * (SelectWidget). Ours are registered under the names
 * of the formats the schemas use (`format: "id-card"`, `"money"`, `"date"`, `"mobile"`, `"phone"`, `"bank-account"`, `"file-ref"`), which rjsf picks by
 * itself; `ui:widget` can name them too.
 */
export const widgets: RegistryWidgetsType = {
  CheckboxesWidget,
  CheckboxWidget,
  SelectWidget,
  TextareaWidget,
  'id-card': IdCardWidget,
  money: MoneyWidget,
  date: DateWidget,
  'file-ref': FileRefWidget,
  mobile: MobileWidget,
  phone: PhoneWidget,
  landline: PhoneWidget,
  'bank-account': BankAccountWidget,
  // Named in the uiSchema (`"ui:widget": "signature"`) on a file-ref field.
  signature: SignatureWidget,
};
