// Thinker → Image testing: draw a sample image from a prompt and a style, with the image settings
// and the account's Image generation prompt, to see what they produce before articles use them.
// The cost is shown first; the job's progress is followed live (ui/JobProgress) until the image is there.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useCanEditContent } from '../../app/content-modules';
import {
  GenerateTestImageDocument,
  type GenerateTestImageMutation,
  ImageTestingDocument,
  TestImageProgressDocument,
  type TestImageTileFragment,
} from '../../gql/graphql';
import { Banner, FormFailureBanner, LoadFailedBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatDateTime, formatNumber } from '../../ui/format';
import { JobProgress } from '../../ui/JobProgress';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';
import './ImageTesting.css';

const DEFAULT_SIZE = '1024x1024';
const FIELDS = ['prompt', 'size', 'style'] as const;

type StartedJob = GenerateTestImageMutation['generateTestImage'];

const sizeLabel = (size: string) => size.replace('x', ' × ');
function TestImageFigure({ image, caption }: { image: TestImageTileFragment; caption?: string }) {
  return (
    <figure className="test-image" data-testid="test-image">
      <a href={image.url} target="_blank" rel="noreferrer" className="test-image-frame">
        <img src={image.url} alt={image.prompt} loading="lazy" />
      </a>
      <figcaption>
        <p className="test-image-prompt">{image.prompt}</p>
        <p className="muted">
          {caption ?? formatDateTime(image.createdAt)} · {sizeLabel(image.size)}
          {image.style && ` · ${image.style}`} · {image.model}
        </p>
      </figcaption>
    </figure>
  );
}

export function ImageTestingPage() {
  const canEdit = useCanEditContent();
  const pages = useCursorPages('');
  const {
    data: current,
    previousData,
    error,
    loading,
    refetch,
  } = useQuery(ImageTestingDocument, { variables: { first: pages.first, after: pages.after } });
  // Another page of the gallery keeps the form in place while it loads.
  const data = current ?? previousData;
  const [generate, generating] = useMutation(GenerateTestImageDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const [started, setStarted] = useState<StartedJob | null>(null);

  if (loading && !data) return <Loading label="Loading image testing…" />;
  if (!data) {
    return (
      <div className="page">
        <LoadFailedBanner title="Image testing could not be loaded." error={error} onRetry={() => void refetch()} />
      </div>
    );
  }

  const cost = data.estimateCredits;
  const available = data.creditBalance.available;
  const images = data.testImages.edges.map((edge) => edge.node);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { prompt = '', size = DEFAULT_SIZE, style = '' } = formValues(event.currentTarget);
    try {
      const result = await generate({ variables: { input: { prompt, size, style: style || null } } });
      if (result.data) setStarted(result.data.generateTestImage);
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title="Image testing"
        description={
          <>
            Generate a sample image to see what a prompt, a size and a style produce. Your{' '}
            <Link to="/thinker/prompts">Image generation prompt</Link> is wrapped around the words, as it is for article
            images.
          </>
        }
      />
      <Card title="New test image">
        {canEdit ? (
          <form onSubmit={submit} className="form" noValidate aria-label="New test image">
            <FormFailureBanner failure={failure} />
            <TextAreaField
              label="What should the image show?"
              name="prompt"
              rows={4}
              required
              minLength={3}
              maxLength={1000}
              placeholder="A red bicycle leaning on a brick wall in the morning sun"
              errors={errorsFor('prompt')}
            />
            <div className="form-grid">
              <SelectField label="Size" name="size" defaultValue={DEFAULT_SIZE} errors={errorsFor('size')}>
                {data.testImageSizes.map((size) => (
                  <option key={size} value={size}>
                    {sizeLabel(size)}
                  </option>
                ))}
              </SelectField>
              <Field
                label="Style"
                name="style"
                maxLength={100}
                placeholder="e.g. watercolour, photorealistic"
                hint="Optional."
                errors={errorsFor('style')}
              />
            </div>
            <p className="test-image-cost" data-testid="test-image-cost">
              Costs <strong>{formatNumber(cost)} credits</strong> per image ·{' '}
              <span data-testid="available-credits">{formatNumber(available)}</span> credits available
            </p>
            {available < cost && (
              <Banner tone="warning">
                This account has fewer credits than one image costs. <Link to="/billing/credits">Add credits</Link> to
                test images.
              </Banner>
            )}
            <FormActions busy={generating.loading} busyLabel="Starting…">
              Generate image
            </FormActions>
          </form>
        ) : (
          <Banner tone="info">
            Only editors, admins and owners can generate test images; you can look at the ones made so far.
          </Banner>
        )}
        {started && (
          <div className="test-image-run">
            <JobProgress
              key={started.id}
              subscription={TestImageProgressDocument}
              started={started}
              title="Image test"
              failedTitle="The image could not be generated."
              aiStepLabel="Generating"
              interruptedNote="The image keeps being made: it will appear in the gallery below."
              // The gallery and the credits change when the job ends.
              onFinished={() => void refetch()}
              results={(job) =>
                job.testImage && (
                  <div className="test-image-result">
                    <TestImageFigure image={job.testImage} caption="Just now" />
                  </div>
                )
              }
            />
          </div>
        )}
      </Card>
      <Card title="Previous test images" description="Newest first.">
        {images.length === 0 ? (
          <p className="empty-state">No test images yet.</p>
        ) : (
          <>
            <div className="test-image-gallery" data-testid="test-image-gallery">
              {images.map((image) => (
                <TestImageFigure key={image.id} image={image} />
              ))}
            </div>
            <Pager
              pages={pages}
              shown={images.length}
              totalCount={data.testImages.totalCount}
              pageInfo={data.testImages.pageInfo}
              noun="images"
            />
          </>
        )}
      </Card>
    </div>
  );
}
