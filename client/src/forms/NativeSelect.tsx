import type { SelectHTMLAttributes } from 'react';

interface NativeSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> {
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  invalid?: boolean;
}

/**
 * The browser's own select, styled like the Ant Design inputs around it. Phones open their
 * native picker, which is easier to use at 360 px than a dropdown, and it costs no script.
 */
export function NativeSelect({ options, onChange, invalid, className, ...rest }: NativeSelectProps) {
  return (
    <select
      {...rest}
      className={['jz-native-select', invalid && 'jz-native-select-invalid', className].filter(Boolean).join(' ')}
      aria-invalid={invalid || undefined}
      onChange={(event) => onChange(event.target.value)}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
