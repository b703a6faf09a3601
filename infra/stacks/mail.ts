/**
 * Mail out: an SES v2 domain identity (Easy DKIM) and a configuration set every sent mail uses.
 * Mail is sent as `MAIL_FROM` (default `Helpdesk <no-reply@<mailDomain>>`). After the first
 * deploy, publish the three DKIM CNAME records shown in the stack outputs in the domain's DNS;
 * a new account also has to leave the SES sandbox before it can mail arbitrary addresses.
 */
import { Arn, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

export interface MailStackProps extends StackProps {
  /** Domain mail is sent from, e.g. `helpdesk.example.com`. */
  mailDomain: string;
  /** Sender of every outgoing mail. @default `Helpdesk <no-reply@<mailDomain>>` */
  mailFrom?: string;
  /** Name of the SES configuration set (unique per account and region). */
  configurationSetName: string;
}

export class MailStack extends Stack {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    this.mailFrom = props.mailFrom ?? `Helpdesk <no-reply@${props.mailDomain}>`;
    this.configurationSetName = props.configurationSetName;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetArn = Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }, this);

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });

    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME record ${i + 1} to publish for ${props.mailDomain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  /** Allows `grantee` to send mail from the identity through the configuration set, nothing else. */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [this.identity.emailIdentityArn, this.configurationSetArn],
    });
  }
}
