/**
 * Fields of the survey forms. The radios and text area that lived here are the shared ones now
 * (src/views/components.tsx), as is the captcha (src/views/captcha-field.tsx); pages still
 * importing the fields from this file get those.
 */
export { RadiosField, TextareaField } from '../../../views/components.tsx'
